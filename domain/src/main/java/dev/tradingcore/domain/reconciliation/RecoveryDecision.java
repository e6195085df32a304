package dev.tradingcore.domain.reconciliation;

import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderEvent;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * What to do with one order found in an intermediate state, after asking the broker about it.
 *
 * <p>{@code events} are to be applied in order: first one {@link OrderEvent.FillApplied} per fill the broker knows
 * and we had not recorded (each to be recorded through the fill journal with its position), then at most one
 * status change. They are safe to apply whatever the outcome, including {@link Outcome#ESCALATE}: they are real
 * fills and legal moves.
 *
 * @param before the order as we had it
 * @param after the order once every event is applied
 * @param failure the broker failure that prevented a decision, if any
 * @param reason a sentence for the audit trail
 */
public record RecoveryDecision(Outcome outcome, Order before, Order after, List<OrderEvent> events,
        Option<BrokerFailure> failure, String reason) {

    /** The kind of decision. */
    public enum Outcome {
        /** We already agree with the broker. */
        UNCHANGED,
        /** Apply the events: we now agree with the broker. */
        ADVANCED,
        /** The broker gave no answer (timeout, 5xx, rate limit, connection): change nothing, ask again later. */
        RETRY_LATER,
        /** The broker's answer contradicts our records: apply the (safe) events and alert a person. */
        ESCALATE
    }

    public RecoveryDecision {
        if (outcome == null || before == null || after == null || events == null || failure == null
                || reason == null) {
            throw new IllegalArgumentException("a recovery decision needs every field");
        }
        if ((outcome == Outcome.UNCHANGED || outcome == Outcome.RETRY_LATER) && !events.isEmpty()) {
            throw new IllegalArgumentException(outcome + " cannot carry events");
        }
    }

    /** The trades to record, in order: the fills the broker knows and we did not. */
    public List<Trade> newTrades() {
        return events.filter(OrderEvent.FillApplied.class::isInstance)
                .map(event -> ((OrderEvent.FillApplied) event).trade());
    }
}
