package dev.tradingcore.domain.fill;

import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import java.time.Instant;
import java.util.Comparator;

/**
 * The order fills are booked in, whatever order they reach us in: execution time, then trade id for executions of
 * the same instant. A position's average price and realized P&amp;L depend on the order its fills apply in; this is
 * the one order every path (stream, poll, start-up recovery, a fill published late) books to.
 */
public record ExecutionKey(Instant executedAt, TradeId tradeId) implements Comparable<ExecutionKey> {

    private static final Comparator<ExecutionKey> ORDER = Comparator.comparing(ExecutionKey::executedAt)
            .thenComparing(key -> key.tradeId().value());

    public ExecutionKey {
        if (executedAt == null || tradeId == null) {
            throw new IllegalArgumentException("an execution key needs the execution time and the trade id");
        }
    }

    public static ExecutionKey of(Trade trade) {
        return new ExecutionKey(trade.timestamp(), trade.tradeId());
    }

    public boolean isBefore(ExecutionKey other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(ExecutionKey other) {
        return ORDER.compare(this, other);
    }
}
