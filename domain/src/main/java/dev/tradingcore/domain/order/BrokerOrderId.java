package dev.tradingcore.domain.order;

import dev.tradingcore.domain.common.Identifiers;

/**
 * The broker's own id of an order, known once the broker acknowledged it; cancels and status queries use it.
 */
public record BrokerOrderId(String value) {

    public BrokerOrderId {
        value = Identifiers.require(value, "broker order id");
    }

    public static BrokerOrderId of(String value) {
        return new BrokerOrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
