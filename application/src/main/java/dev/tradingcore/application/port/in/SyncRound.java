package dev.tradingcore.application.port.in;

import io.vavr.collection.List;
import java.time.Instant;

/**
 * What one sync round did.
 *
 * @param fills what became of the fills read
 * @param statusesChanged open orders whose status (or broker id) was brought in line with the broker
 * @param watermark fills executed from this instant on are read next round
 * @param failures why parts of the round could not be done (broker or database), one sentence each
 */
public record SyncRound(FillCounts fills, int statusesChanged, Instant watermark, List<String> failures) {

    public SyncRound {
        if (fills == null || watermark == null || failures == null) {
            throw new IllegalArgumentException("a sync round needs its counts, watermark and failures");
        }
    }

    /** Whether everything was read and recorded. */
    public boolean isComplete() {
        return failures.isEmpty() && fills.unsettled() == 0;
    }
}
