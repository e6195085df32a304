package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.order.OrderStatus;

/**
 * The states a simulated order goes through, each named as the Alpaca Trader API names it. The simulation refuses
 * bad orders when they are submitted (an HTTP error at Alpaca), so it never produces {@code rejected}; it has no
 * replaces, no overnight sessions and no auctions, so the rare states never occur either.
 */
public enum SimOrderStatus {
    NEW("new", OrderStatus.SUBMITTED),
    PARTIALLY_FILLED("partially_filled", OrderStatus.PARTIAL_FILL),
    FILLED("filled", OrderStatus.FILLED),
    CANCELED("canceled", OrderStatus.CANCELLED),
    EXPIRED("expired", OrderStatus.EXPIRED);

    private final String alpacaCode;
    private final OrderStatus mapped;

    SimOrderStatus(String alpacaCode, OrderStatus mapped) {
        this.alpacaCode = alpacaCode;
        this.mapped = mapped;
    }

    /** The value of the order's {@code status} field in the Alpaca API. */
    public String alpacaCode() {
        return alpacaCode;
    }

    /** Our status for it; the same as the Alpaca adapter's mapping of {@link #alpacaCode()}. */
    public OrderStatus toOrderStatus() {
        return mapped;
    }

    public boolean isOpen() {
        return this == NEW || this == PARTIALLY_FILLED;
    }
}
