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
     * @param sequence how the fill took its place in its symbol's execution order
     */
    record Recorded(Trade trade, Position positionAfter, Order orderAfter, long positionVersion, Sequence sequence)
            implements FillRecording {

        /** A fill booked after every earlier one of its symbol: the usual case. */
        public Recorded(Trade trade, Position positionAfter, Order orderAfter, long positionVersion) {
            this(trade, positionAfter, orderAfter, positionVersion, Sequence.IN_ORDER);
        }
    }

    /** How a recorded fill took its place in its symbol's execution order ({@link ExecutionKey}). */
    enum Sequence {
        /** Executed after every fill of its symbol booked so far: applied on top. */
        IN_ORDER,
        /**
         * Executed before fills of its symbol already booked (it came late, or through another path): the position
         * was replayed from its basis with every fill in execution order.
         */
        RESEQUENCED,
        /**
         * Executed before the fills a reconciliation's correction already included: applied on top, because the
         * broker's position the correction copied may or may not have contained it. A person must look.
         */
        BEFORE_BASIS
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
