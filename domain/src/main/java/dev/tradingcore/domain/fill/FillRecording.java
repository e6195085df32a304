package dev.tradingcore.domain.fill;

import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;

/** What the {@link FillJournal} did with a fill it did not reject. */
public sealed interface FillRecording {

    /**
     * The fill was new and is now recorded with all its effects.
     *
     * @param positionVersion the stored position's version after this fill; it grows with every change of the
     *     position, so of two results the one with the higher version is the newer state
     */
    record Recorded(Trade trade, Position positionAfter, Order orderAfter, long positionVersion)
            implements FillRecording {
    }

    /**
     * A trade with this id and the same economic content (order, symbol, side, quantity, price) was already
     * recorded: nothing was written. The stored trade is given; its time or commission may differ from the
     * redelivered one, in which case the first recording stands.
     */
    record Duplicate(Trade existing) implements FillRecording {
    }

    /**
     * A trade with this id was already recorded with <em>different</em> economic content. Nothing was written; this
     * is not a harmless replay but a contradiction in what the broker told us, for a human to resolve with the broker.
     */
    record Conflicting(Trade existing, Trade redelivered) implements FillRecording {
    }
}
