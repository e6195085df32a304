package dev.tradingcore.adapters.postgres.mybatis;

import java.sql.SQLException;
import java.util.Optional;

/** The SQLSTATE codes the adapter acts on, and how to find one inside MyBatis's wrapping exceptions. */
public final class SqlStates {

    /** serialization_failure: the transaction can be run again. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** deadlock_detected: the transaction can be run again. */
    public static final String DEADLOCK = "40P01";
    /** foreign_key_violation, e.g. a trade of an order that is not recorded. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    /** unique_violation. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** Raised by the trades_register_trade_id trigger: a trade id replayed with other economics (V2). */
    public static final String CONFLICTING_TRADE_REPLAY = "23T01";

    private SqlStates() {}

    /** The SQLSTATE of the first {@link SQLException} in the cause chain. */
    public static Optional<String> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    public static boolean is(Throwable failure, String state) {
        return of(failure).filter(state::equals).isPresent();
    }

    /** Whether running the same transaction again may succeed: a serialization failure or a deadlock. */
    public static boolean isRetryableConflict(Throwable failure) {
        return of(failure).filter(s -> s.equals(SERIALIZATION_FAILURE) || s.equals(DEADLOCK)).isPresent();
    }
}
