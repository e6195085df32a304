package dev.tradingcore.domain.order;

import dev.tradingcore.domain.trade.Trade;

/**
 * What happened to an order. Every event carries the order as it is after the event and the status it had
 * before, so a caller can save the order and write the audit line from the event alone.
 */
public sealed interface OrderEvent {

    /** The order after this event. */
    Order order();

    /** The status the order had before this event. */
    OrderStatus previousStatus();

    /** A new order passed validation and is saved as pending. */
    record Placed(Order order) implements OrderEvent {
        @Override
        public OrderStatus previousStatus() {
            return OrderStatus.PENDING;
        }
    }

    /** The broker acknowledged the order and is working it. */
    record Submitted(Order order, OrderStatus previousStatus) implements OrderEvent {
    }

    /**
     * A fill moved the order's filled quantity and average fill price.
     *
     * @param late the order was already cancelled or expired: the fill raced the cancel and won
     */
    record FillApplied(Order order, OrderStatus previousStatus, Trade trade, boolean late) implements OrderEvent {
    }

    /** The order stopped working by cancel; anything filled before stays filled. */
    record Cancelled(Order order, OrderStatus previousStatus) implements OrderEvent {
    }

    /** The broker refused the order; nothing was filled. */
    record Rejected(Order order, OrderStatus previousStatus, String reason) implements OrderEvent {
    }

    /** The order's time in force ran out; anything filled before stays filled. */
    record Expired(Order order, OrderStatus previousStatus) implements OrderEvent {
    }

    /** The broker reported a state we cannot map; the raw state is kept for the person resolving it. */
    record BecameUnknown(Order order, OrderStatus previousStatus, String brokerStatus) implements OrderEvent {
    }

    /** An order that was unknown is partly or fully filled according to the broker, with the fills already known. */
    record Resolved(Order order, OrderStatus previousStatus) implements OrderEvent {
    }
}
