package dev.tradingcore.domain.reconciliation;

import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderEvent;
import dev.tradingcore.domain.port.BrokerFailure;
import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * What to do with one order found in an intermediate state, after asking the broker about it.
 *
 * <p>{@code events} are to be applied in order: an acknowledgement (the broker's id recorded), then at most one status
 * change. They are safe to apply whatever the outcome, including {@link Outcome#ESCALATE} and
 * {@link Outcome#AWAITING_FILLS}: they are legal moves the broker's answer proves. Fills are never part of a
 * decision: the caller books every fill of the broker's window through the fill journal first, in execution order.
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
        ESCALATE,
        /**
         * The broker's filled quantity is not what we have booked: fills are still to be read (a broker publishes
         * some late), or its order view lags ours. Apply the safe events (an acknowledgement), leave the status, read
         * the fills again; only an order that stays so is a person's business.
         */
        AWAITING_FILLS
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

}
