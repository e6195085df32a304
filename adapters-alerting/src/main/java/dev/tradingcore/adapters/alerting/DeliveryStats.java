package dev.tradingcore.adapters.alerting;

import java.util.Optional;

/**
 * What a remote sink did with the alerts it was given, since it started.
 *
 * @param delivered alerts the target accepted
 * @param failed alerts given up after their attempts, or at once on a failure a retry cannot cure
 * @param dropped alerts refused because the queue was full or the sink closed
 * @param retries attempts after the first, over all alerts
 * @param queued alerts waiting now
 * @param lastFailure the last failure, for a person (no credentials in it)
 */
public record DeliveryStats(long delivered, long failed, long dropped, long retries, int queued,
        Optional<String> lastFailure) {

    /** Alerts given to the sink that will never arrive. */
    public long lost() {
        return failed + dropped;
    }
}
