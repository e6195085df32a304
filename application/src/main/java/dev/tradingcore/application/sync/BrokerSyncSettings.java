package dev.tradingcore.application.sync;

import java.time.Duration;

/**
 * How the continuous broker sync polls.
 *
 * @param interval between the end of one round and the start of the next
 * @param overlap how far before the newest fill seen the next round starts reading: fills the broker publishes late
 *     (or with a clock a little behind ours) are still read; re-reading is free, fills are recorded once by trade id
 * @param pendingGrace how old a pending order must be before the sync asks the broker about it by client order id:
 *     a younger one may be in the middle of its submit (request, lookup, resend, lookup: each with its timeout); an
 *     older one the broker does not know never reached it and is rejected
 * @param fillsMissingAlert how long an order may fall short of the filled quantity the broker reports (fills the
 *     broker has not published yet) before a person is told
 * @param failedRoundsAlert how many rounds in a row may fail (broker or database) before a person is told
 * @param heldWatermarkAlert how long the watermark may be held at one fill it cannot book or item it cannot read
 *     before a person is told
 */
public record BrokerSyncSettings(Duration interval, Duration overlap, Duration pendingGrace, Duration fillsMissingAlert,
        int failedRoundsAlert, Duration heldWatermarkAlert) {

    public BrokerSyncSettings {
        if (interval == null || overlap == null || pendingGrace == null || fillsMissingAlert == null
                || heldWatermarkAlert == null) {
            throw new IllegalArgumentException("broker sync settings need every duration");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the broker sync interval must be positive, got " + interval);
        }
        if (overlap.isNegative() || pendingGrace.isNegative() || fillsMissingAlert.isNegative()
                || heldWatermarkAlert.isNegative()) {
            throw new IllegalArgumentException("the broker sync's overlap, grace and alert delays cannot be negative");
        }
        if (failedRoundsAlert < 1) {
            throw new IllegalArgumentException("alerting after " + failedRoundsAlert + " failed rounds makes no sense");
        }
    }

    /**
     * A round a second, five seconds of overlap, pending orders asked about after thirty seconds; a person told of
     * fills missing for two minutes, of five failed rounds in a row, of a watermark held for five minutes.
     */
    public static BrokerSyncSettings defaults() {
        return new BrokerSyncSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(2), 5, Duration.ofMinutes(5));
    }

    public BrokerSyncSettings withInterval(Duration value) {
        return new BrokerSyncSettings(value, overlap, pendingGrace, fillsMissingAlert, failedRoundsAlert,
                heldWatermarkAlert);
    }
}
