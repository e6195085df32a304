package dev.tradingcore.archfixtures.applicationcoupled.application;

import dev.tradingcore.archfixtures.applicationcoupled.adapters.postgres.PostgresOrders;
import dev.tradingcore.archfixtures.applicationcoupled.domain.Order;

/** Violates applicationDependsOnlyOnDomain: a use case reaching into an adapter. */
public final class PlaceOrderWithPostgres {
    private final PostgresOrders orders = new PostgresOrders();

    public void place(Order order) {
        orders.save(order);
    }
}
