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
 * @param submitInFlight how long a submit may take from the order's placing to the broker's last answer (request,
 *     lookup, resend, lookup, each with its timeout): a pending order younger than this is never closed because the
 *     broker does not know it yet
 * @param fillReads how many times at most recovery reads the broker's fills while orders await fills the broker
 *     reports and our books do not hold yet (the feed publishes them late, or they are still arriving), before it
 *     leaves those orders to the sync: with {@code fillReadPause}, the bound of recovery's wait for quiet
 * @param fillReadPause how long recovery waits before reading the fills again while orders await fills
 */
public record RecoverySettings(Duration fillWindowMargin, Duration syncOverlap, int reconcileAttempts,
        Duration submitInFlight, int fillReads, Duration fillReadPause) {

    /** Settings that read the fills again at once (no pause), as before the pause existed. */
    public RecoverySettings(Duration fillWindowMargin, Duration syncOverlap, int reconcileAttempts,
            Duration submitInFlight, int fillReads) {
        this(fillWindowMargin, syncOverlap, reconcileAttempts, submitInFlight, fillReads, Duration.ZERO);
    }

    public RecoverySettings {
        if (fillReadPause == null || fillReadPause.isNegative()) {
            throw new IllegalArgumentException("the pause between fill reads must be zero or more, got "
                    + fillReadPause);
        }
        if (fillWindowMargin == null || syncOverlap == null || submitInFlight == null) {
            throw new IllegalArgumentException("recovery settings need a fill window margin, a sync overlap and a "
                    + "submit's time in flight");
        }
        if (fillWindowMargin.isNegative() || syncOverlap.isNegative() || submitInFlight.isNegative()) {
            throw new IllegalArgumentException("the fill window margin, the sync overlap and the submit's time in "
                    + "flight cannot be negative");
        }
        if (reconcileAttempts < 1 || fillReads < 1) {
            throw new IllegalArgumentException("reconciliation and fill reads need at least one attempt");
        }
    }

    /**
     * Five minutes of margin, five seconds of overlap, five attempts, 30 s in flight; fills read up to ten times,
     * half a second apart (a wait for quiet of at most about 4.5 s).
     */
    public static RecoverySettings defaults() {
        return new RecoverySettings(Duration.ofMinutes(5), Duration.ofSeconds(5), 5, Duration.ofSeconds(30), 10,
                Duration.ofMillis(500));
    }

    /** These settings with another bound for the wait for quiet. */
    public RecoverySettings withFillReads(int reads, Duration pause) {
        return new RecoverySettings(fillWindowMargin, syncOverlap, reconcileAttempts, submitInFlight, reads, pause);
    }
}
