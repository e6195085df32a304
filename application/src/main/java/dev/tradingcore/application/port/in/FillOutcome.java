package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.trade.Trade;

/**
 * What became of a fill. Only {@link Applied} and {@link AlreadyRecorded} mean the fill is durably recorded; a
 * caller that consumes a broker stream acknowledges those and must deliver the others again or escalate.
 */
public sealed interface FillOutcome {

    /** Whether the fill is durably recorded (now or before): the broker message may be acknowledged. */
    boolean isRecorded();

    /** Recorded now, with its effects. */
    record Applied(Trade trade, Position position, Order order) implements FillOutcome {
        @Override
        public boolean isRecorded() {
            return true;
        }
    }

    /** Recorded before (a replay); nothing changed. */
    record AlreadyRecorded(Trade existing) implements FillOutcome {
        @Override
        public boolean isRecorded() {
            return true;
        }
    }

    /**
     * The same trade id was recorded with different economics. Nothing changed; an alert was raised: the broker's
     * reports contradict each other and reconciliation must settle it.
     */
    record Conflict(Trade existing, Trade redelivered) implements FillOutcome {
        @Override
        public boolean isRecorded() {
            return false;
        }
    }

    /**
     * The domain refused the fill (an over-fill, a fill of a rejected or unknown order). Nothing changed; an alert was
     * raised, because the broker says money moved.
     */
    record Refused(Trade trade, Rejection reason) implements FillOutcome {
        @Override
        public boolean isRecorded() {
            return false;
        }
    }

    /** The database could not be reached; nothing changed. Deliver the fill again later. */
    record NotRecorded(Trade trade, String reason) implements FillOutcome {
        @Override
        public boolean isRecorded() {
            return false;
        }
    }
}
