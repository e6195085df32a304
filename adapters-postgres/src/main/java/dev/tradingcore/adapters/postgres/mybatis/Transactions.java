package dev.tradingcore.adapters.postgres.mybatis;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * Runs a unit of work in one transaction (READ COMMITTED, the server's default, so no extra round trip sets it) and
 * runs it again, a bounded number of times with a short randomized backoff, when PostgreSQL aborted it for a
 * serialization failure or a deadlock. The work must be a function of what it reads in the transaction, so that
 * running it again is correct.
 */
public final class Transactions {

    /** Attempts in all, the first included. */
    public static final int MAX_ATTEMPTS = 5;

    private Transactions() {}

    /**
     * Rolls back; if that fails too (the connection is already dead), the rollback's failure is attached to the one
     * that caused it instead of replacing it: the caller must see why the work failed, with its SQLSTATE.
     */
    private static void rollbackKeeping(SqlSession session, RuntimeException cause) {
        try {
            session.rollback(true);
        } catch (RuntimeException rollbackFailed) {
            cause.addSuppressed(rollbackFailed);
        }
    }

    /**
     * @param work reads, decides and writes through the session; it commits by returning normally and rolls back by
     *     throwing or by calling {@link SqlSession#rollback(boolean)} itself
     */
    public static <T> T inTransaction(SqlSessionFactory sessions, Function<SqlSession, T> work) {
        for (int attempt = 1; ; attempt++) {
            try (SqlSession session = sessions.openSession(false)) {
                try {
                    T result = work.apply(session);
                    session.commit(true);
                    return result;
                } catch (RuntimeException failure) {
                    rollbackKeeping(session, failure);
                    if (attempt >= MAX_ATTEMPTS || !SqlStates.isRetryableConflict(failure)) {
                        throw failure;
                    }
                }
            }
            backOff(attempt);
        }
    }

    /**
     * Runs one statement in autocommit: its own transaction, without the BEGIN and COMMIT round trips, for work that
     * writes everything it writes in that one statement (a data-modifying CTE). Run again on a serialization failure
     * or a deadlock, like {@link #inTransaction}; the statement rolled back on its own.
     */
    public static <T> T inOneStatement(SqlSessionFactory sessions, Function<SqlSession, T> work) {
        for (int attempt = 1; ; attempt++) {
            try (SqlSession session = sessions.openSession(true)) {
                return work.apply(session);
            } catch (RuntimeException failure) {
                if (attempt >= MAX_ATTEMPTS || !SqlStates.isRetryableConflict(failure)) {
                    throw failure;
                }
            }
            backOff(attempt);
        }
    }

    private static void backOff(int attempt) {
        // 1-2 ms, 2-4 ms, 4-8 ms, 8-16 ms: enough for the other transaction to finish, jittered so that two
        // retrying transactions do not collide again.
        long baseMicros = 1000L << (attempt - 1);
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(
                baseMicros + ThreadLocalRandom.current().nextLong(baseMicros)));
    }
}
