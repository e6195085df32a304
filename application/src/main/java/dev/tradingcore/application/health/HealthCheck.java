package dev.tradingcore.application.health;

import java.util.List;

/** One of the design's thresholds, measured now. */
public interface HealthCheck {

    /** For logs and the report ("write-latency"). */
    String name();

    /** Whether it reads the database (skipped, its conditions kept, while the database guard is not closed). */
    boolean needsDatabase();

    /**
     * What is wrong now; empty when all is well. Throws when it cannot tell: the monitor then keeps what the check
     * said last.
     */
    List<Condition> check() throws Exception;

    /**
     * Thrown by a check that has nothing to measure this time (no writes in the interval, no local data directory):
     * the monitor keeps what the check said last and raises nothing.
     */
    final class NothingToMeasure extends Exception {

        private static final long serialVersionUID = 1L;

        public NothingToMeasure(String why) {
            super(why, null, false, false);
        }
    }
}
