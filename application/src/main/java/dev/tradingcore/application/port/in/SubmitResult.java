package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;

/** What became of an order ticket. */
public sealed interface SubmitResult {

    /** The broker accepted the order and we recorded it as submitted. */
    record Accepted(Order order) implements SubmitResult {
    }

    /**
     * Refused before anything reached the broker: invalid, trading disabled, a risk limit, the database unavailable.
     * When an order had already been recorded pending it is recorded rejected with this reason.
     */
    record Refused(Rejection reason) implements SubmitResult {
    }

    /** The broker refused the order; it is recorded rejected with the broker's reason. */
    record RejectedByBroker(Order order, String brokerReason) implements SubmitResult {
    }

    /**
     * The broker did not answer in time: the order may or may not exist there. It stays pending; start-up and
     * periodic recovery ask the broker by client order id and settle it. It is never marked rejected on a guess.
     */
    record Unconfirmed(Order order, String reason) implements SubmitResult {
    }

    /**
     * The broker accepted the order but it could not be recorded here (the database failed in between): the design's
     * compensating transaction cancelled it at the broker. {@code cancelConfirmed} says whether the broker confirmed
     * the cancel; if not, recovery and reconciliation settle it, and an alert was raised either way.
     */
    record Compensated(Order order, boolean cancelConfirmed, String reason) implements SubmitResult {
    }
}
