package dev.tradingcore.archfixtures.cycle.domain.trade;

import dev.tradingcore.archfixtures.cycle.domain.order.Order;

/** Violates noCycles: ... and trade knows order. */
public final class Trade {
    private Order order;

    public Order order() {
        return order;
    }
}
