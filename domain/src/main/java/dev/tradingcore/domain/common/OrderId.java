package dev.tradingcore.domain.common;

/**
 * Our own identity of an order, the primary key of the orders table (VARCHAR(50)). It is assigned by us before
 * the broker ever sees the order, so an order can be saved as pending before it is submitted.
 */
public record OrderId(String value) {

    public OrderId {
        value = Identifiers.require(value, "order id");
    }

    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
