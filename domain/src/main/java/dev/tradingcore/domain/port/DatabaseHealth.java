package dev.tradingcore.domain.port;

/**
 * Whether the database is taking work. When it is not (its circuit breaker is open), new orders are refused with
 * this reason instead of being sent to a broker whose answer could not be recorded; positions are still served
 * from memory.
 */
public interface DatabaseHealth {

    /** False while the database is known to be unreachable. */
    boolean acceptingWork();

    /** One line for a person: the state and since when, e.g. "database unavailable since
     * 2026-11-23T15:00:01Z: calls fail at once and new orders are refused (last failure: Connection refused)". */
    String describe();

    /** For an embedding that has no breaker, and for tests: always accepting. */
    static DatabaseHealth alwaysAvailable() {
        return new AlwaysAvailable();
    }

    /** A database assumed always available. */
    record AlwaysAvailable() implements DatabaseHealth {
        @Override
        public boolean acceptingWork() {
            return true;
        }

        @Override
        public String describe() {
            return "available";
        }
    }
}
