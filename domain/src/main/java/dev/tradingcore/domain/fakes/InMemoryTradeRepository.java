package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fill.ExecutionKey;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import dev.tradingcore.domain.trade.TradeRepository;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TradeRepository} in a map, for use-case tests; it passes the same contract as PostgreSQL. {@link #record}
 * behaves like the trades table's trigger: a new trade id is stored, a replay with the same economic content (order,
 * symbol, side, quantity, price) is skipped, a replay with other content is refused. Thread-safe.
 */
public final class InMemoryTradeRepository implements TradeRepository {

    private static final Comparator<Trade> EXECUTION_ORDER =
            Comparator.comparing(Trade::timestamp).thenComparing(t -> t.tradeId().value());

    private final Map<TradeId, Trade> trades = new LinkedHashMap<>();

    /**
     * Stores the trade unless its id is known.
     *
     * @return true when stored, false when it is a replay of the stored trade with the same economic content
     * @throws IllegalStateException when the id is known with other economic content (nothing is stored)
     */
    public synchronized boolean record(Trade trade) {
        Trade known = trades.get(trade.tradeId());
        if (known == null) {
            trades.put(trade.tradeId(), trade);
            return true;
        }
        if (sameEconomics(known, trade)) {
            return false;
        }
        throw new IllegalStateException("conflicting replay of trade " + trade.tradeId() + ": recorded " + known
                + ", replayed " + trade);
    }

    /** Every stored trade, in the order they were stored. */
    public synchronized List<Trade> all() {
        return List.ofAll(trades.values());
    }

    /** Whether two trades of one id describe the same execution (time, commission and liquidity aside). */
    public static boolean sameEconomics(Trade a, Trade b) {
        return a.orderId().equals(b.orderId()) && a.symbol().equals(b.symbol()) && a.side() == b.side()
                && a.quantity().equals(b.quantity()) && a.price().equals(b.price());
    }

    @Override
    public synchronized Option<Trade> findById(TradeId tradeId) {
        return Option.of(trades.get(tradeId));
    }

    @Override
    public synchronized List<Trade> findByOrderId(OrderId orderId) {
        return List.ofAll(trades.values()).filter(t -> t.orderId().equals(orderId)).sorted(EXECUTION_ORDER);
    }

    /** The trades of a symbol executed after {@code after} (all of them without it), in execution order. */
    public synchronized List<Trade> ofSymbolAfter(Symbol symbol, Option<ExecutionKey> after) {
        return List.ofAll(trades.values()).filter(t -> t.symbol().equals(symbol)
                && after.forAll(key -> key.isBefore(ExecutionKey.of(t)))).sorted(EXECUTION_ORDER);
    }

    @Override
    public synchronized List<Trade> findBySymbol(Symbol symbol, Instant from, Instant to) {
        return List.ofAll(trades.values())
                .filter(t -> t.symbol().equals(symbol) && !t.timestamp().isBefore(from) && t.timestamp().isBefore(to))
                .sorted(EXECUTION_ORDER);
    }
}
