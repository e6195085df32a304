package dev.tradingcore.application.port.in;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * What order recovery did.
 *
 * @param fillWindowStart the broker was asked for every fill executed since this instant
 * @param fillsFetched whether the broker answered that question
 * @param examined orders found in an intermediate state
 * @param advanced orders brought in line with the broker
 * @param unchanged orders the broker agreed with
 * @param leftForRetry orders left as they were for want of an answer (broker or database unreachable)
 * @param escalated orders whose broker answer contradicts our records; each raised as an alert
 * @param fills the fills seen in the window, of these orders and of any other
 * @param newestFill the execution time of the newest fill seen
 * @param failures why some of the work could not be done (broker or database), one sentence each
 */
public record OrderRecoveryResult(
        Instant fillWindowStart,
        boolean fillsFetched,
        int examined,
        int advanced,
        int unchanged,
        int leftForRetry,
        int escalated,
        FillCounts fills,
        Option<Instant> newestFill,
        List<String> failures) {

    public OrderRecoveryResult {
        if (fillWindowStart == null || fills == null || newestFill == null || failures == null) {
            throw new IllegalArgumentException("an order recovery result needs every field");
        }
    }

    /**
     * Every fill of the window is accounted for: recorded (now or before), or refused or unmatched and alerted. Only
     * then may positions be compared with the broker: a fill still to be recorded would be counted twice, once by a
     * correction and once when it is recorded.
     */
    public boolean fillsSettled() {
        return fillsFetched && fills.unsettled() == 0;
    }

    /** Whether our records differed from the broker's in anything this recovery changed or escalated. */
    public boolean changedAnything() {
        return advanced > 0 || escalated > 0 || fills.applied() > 0 || fills.unmatched() > 0 || fills.refused() > 0;
    }
}
