package dev.tradingcore.application.recovery;

import java.time.Duration;

/**
 * How start-up recovery reads the broker.
 *
 * @param fillWindowMargin the broker is asked for fills executed since the oldest open order was placed (or since
 *     positions last matched the broker, if earlier) less this margin: room for the broker's clock being behind ours
 * @param syncOverlap the continuous sync starts reading this long before the newest fill recovery saw
 * @param reconcileAttempts how many times positions are compared again when fills keep arriving during the
 *     comparison, or a correction finds a position moved on, before reconciliation gives up for this run
 */
public record RecoverySettings(Duration fillWindowMargin, Duration syncOverlap, int reconcileAttempts) {

    public RecoverySettings {
        if (fillWindowMargin == null || syncOverlap == null) {
            throw new IllegalArgumentException("recovery settings need a fill window margin and a sync overlap");
        }
        if (fillWindowMargin.isNegative() || syncOverlap.isNegative()) {
            throw new IllegalArgumentException("the fill window margin and the sync overlap cannot be negative");
        }
        if (reconcileAttempts < 1) {
            throw new IllegalArgumentException("reconciliation needs at least one attempt, got " + reconcileAttempts);
        }
    }

    /** Five minutes of margin, five seconds of overlap, five attempts. */
    public static RecoverySettings defaults() {
        return new RecoverySettings(Duration.ofMinutes(5), Duration.ofSeconds(5), 5);
    }
}
