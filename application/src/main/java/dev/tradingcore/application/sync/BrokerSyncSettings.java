package dev.tradingcore.application.sync;

import java.time.Duration;

/**
 * How the continuous broker sync polls.
 *
 * @param interval between the end of one round and the start of the next
 * @param overlap how far before the newest fill seen the next round starts reading: fills the broker publishes late
 *     (or with a clock a little behind ours) are still read; re-reading is free, fills are recorded once by trade id
 * @param pendingGrace how old a pending order must be before the sync asks the broker about it by client order id:
 *     a younger one may be in the middle of its submit
 */
public record BrokerSyncSettings(Duration interval, Duration overlap, Duration pendingGrace) {

    public BrokerSyncSettings {
        if (interval == null || overlap == null || pendingGrace == null) {
            throw new IllegalArgumentException("broker sync settings need an interval, an overlap and a pending grace");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the broker sync interval must be positive, got " + interval);
        }
        if (overlap.isNegative() || pendingGrace.isNegative()) {
            throw new IllegalArgumentException("the broker sync overlap and pending grace cannot be negative");
        }
    }

    /** A round a second, five seconds of overlap, pending orders asked about after thirty seconds. */
    public static BrokerSyncSettings defaults() {
        return new BrokerSyncSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
}
