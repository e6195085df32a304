package dev.tradingcore.application.fill;

import dev.tradingcore.domain.trade.TradeId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fills this process booked, in the order it booked them, whichever path delivered them (a fill pushed by the
 * embedder, the broker sync, recovery): what lets start-up recovery count the fills of its window that this process
 * booked while it ran, although a push booked some of them before recovery's own sweep came to them. The newest
 * 100,000 are remembered. Thread-safe.
 */
public final class BookedFills {

    private static final int MEMORY = 100_000;

    private long sequence;
    @SuppressWarnings("serial")
    private final Map<TradeId, Long> booked = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TradeId, Long> eldest) {
            return size() > MEMORY;
        }
    });

    /** Where the bookings stand now: {@link #bookedAfter} tells which came later. */
    public synchronized long mark() {
        return sequence;
    }

    /** This process booked {@code tradeId} now. */
    public synchronized void booked(TradeId tradeId) {
        booked.put(tradeId, ++sequence);
    }

    /** Whether this process booked {@code tradeId} after {@code mark} was taken. */
    public boolean bookedAfter(long mark, TradeId tradeId) {
        Long at = booked.get(tradeId);
        return at != null && at > mark;
    }
}
