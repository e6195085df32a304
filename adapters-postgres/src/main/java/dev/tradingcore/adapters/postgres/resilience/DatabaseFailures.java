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
                || CONNECTION_LIMIT_STATES.contains(sqlState)) {
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
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SocketTimeoutException
                    || cause instanceof StoreUnavailableException) {
                return false;
            }
        }
        return classify(failure) == FailureKind.CONNECTION;
    }

    /** The innermost message of the chain, which names the real problem ("Connection refused"). */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < MAX_DEPTH) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
