package dev.tradingcore.domain.order;

import dev.tradingcore.domain.common.Identifiers;

/**
 * The id we send to the broker with a new order. The broker refuses a second order with the same client order
 * id, which makes a retried submission idempotent, and it lets us ask the broker about an order whose submission
 * answer we never received.
 */
public record ClientOrderId(String value) {

    public ClientOrderId {
        value = Identifiers.require(value, "client order id");
    }

    public static ClientOrderId of(String value) {
        return new ClientOrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
