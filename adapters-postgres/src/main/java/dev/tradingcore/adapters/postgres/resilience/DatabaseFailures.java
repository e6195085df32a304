package dev.tradingcore.adapters.postgres.resilience;

import dev.tradingcore.domain.common.StoreUnavailableException;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells infrastructure failures from data errors by walking the cause chain (MyBatis wraps the driver's exception in
 * a {@code PersistenceException}, HikariCP wraps the driver's connect error in a
 * {@code SQLTransientConnectionException}) and reading the first SQLState found.
 */
public final class DatabaseFailures {

    /** Shutdown states: admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down). */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    private static final Set<String> CONNECTION_LIMIT_STATES = Set.of("53300");
    /**
     * The database answers but cannot keep what we write: disk full (53100), out of disk for a file that must grow
     * (58030 I/O error, and the "could not extend file" errors a file size limit gives), a read-only server (25006,
     * e.g. a standby after a failover, or default_transaction_read_only). Nothing can be booked until a person acts,
     * so, like an unreachable server, these stop new work and wait for the database rather than failing each fill
     * as a data error.
     */
    private static final Set<String> WRITES_REFUSED_STATES = Set.of("53100", "58030", "25006");
    private static final String CANNOT_EXTEND = "could not extend file";
    /** HikariCP's pool wait that ended with no connection in the pool at all: none could be made. */
    private static final String NO_CONNECTION_AT_ALL = "(total=0,";
    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01");
    private static final Set<String> TIMEOUT_STATES = Set.of("57014", "55P03");
    private static final int MAX_DEPTH = 32;
    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseFailures() {}

    /** What {@code failure} says about the database. */
    public static FailureKind classify(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof StoreUnavailableException || cause instanceof SQLTransientConnectionException) {
                return FailureKind.CONNECTION;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                if (cannotExtend(sql)) {
                    return FailureKind.CONNECTION;
                }
                return ofState(sql.getSQLState());
            }
            if (cause instanceof SQLException sql && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())) {
                // HikariCP's stand-in for a connection it already evicted as broken carries no SQLState; using it
                // (a rollback after the connection died) is a connection failure, not a data error.
                return FailureKind.CONNECTION;
            }
            if (cause instanceof SocketException || cause instanceof SocketTimeoutException
                    || cause instanceof EOFException) {
                return FailureKind.CONNECTION;
            }
        }
        return FailureKind.OTHER;
    }

    /** What one SQLState says about the database. */
    public static FailureKind ofState(String sqlState) {
        if (sqlState.startsWith("08") || SHUTDOWN_STATES.contains(sqlState)
                || CONNECTION_LIMIT_STATES.contains(sqlState) || WRITES_REFUSED_STATES.contains(sqlState)) {
            return FailureKind.CONNECTION;
        }
        if (CONFLICT_STATES.contains(sqlState)) {
            return FailureKind.CONFLICT;
        }
        if (TIMEOUT_STATES.contains(sqlState)) {
            return FailureKind.TIMEOUT;
        }
        return FailureKind.DATA;
    }

    /**
     * Whether trying a connection failure again at once can help. A broken pooled connection (the server restarted,
     * an idle connection was cut) fails fast and a retry gets a fresh one; a failure that already waited the whole
     * timeout (the pool wait, a socket read timeout) is not retried, so that no caller waits a multiple of it.
     */
    public static boolean worthRetrying(Throwable failure) {
        if (writesRefused(failure)) {
            return false;
        }
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SocketTimeoutException
                    || cause instanceof StoreUnavailableException) {
                return false;
            }
        }
        return classify(failure) == FailureKind.CONNECTION;
    }

    /**
     * Whether a connection failure already waited out the timeout: a socket read or connect that timed out, or a
     * pool wait that ended without a connection because making one failed (HikariCP gives the connection failure as
     * the cause, or, before its first attempt failed, reports a pool with no connection at all). The next caller
     * would wait as long, so the guard stops sending callers at once. A pool wait that ended because every
     * connection was lent out (the database is fine, the pool is busy) is not one.
     */
    public static boolean waitedOut(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
            if (cause instanceof SQLTransientConnectionException && (cause.getCause() != null
                    || String.valueOf(cause.getMessage()).contains(NO_CONNECTION_AT_ALL))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the database refused to keep a write (disk full, a file that cannot grow, read-only): retrying at once
     * cannot help, and the breaker opens at once (a person has to act).
     */
    public static boolean writesRefused(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return cannotExtend(sql) || WRITES_REFUSED_STATES.contains(sql.getSQLState());
            }
        }
        return false;
    }

    /** "could not extend file ...: No space left on device / File too large": a table or index cannot grow. */
    private static boolean cannotExtend(SQLException sql) {
        String message = sql.getMessage();
        return message != null && message.contains(CANNOT_EXTEND);
    }

    /** The innermost message of the chain, which names the real problem ("Connection refused"). */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < MAX_DEPTH) {
            root = root.getCause();
        }
        // The first line: the server's hints and positions follow on other lines and make a one-line reason two.
        String message = root.getMessage() == null ? null : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
