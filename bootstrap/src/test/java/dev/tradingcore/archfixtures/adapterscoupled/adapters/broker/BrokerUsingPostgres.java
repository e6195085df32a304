package dev.tradingcore.archfixtures.adapterscoupled.adapters.broker;

import dev.tradingcore.archfixtures.adapterscoupled.adapters.postgres.PostgresOrders;
import dev.tradingcore.archfixtures.adapterscoupled.domain.Order;

/** Violates adaptersAreIndependent: the broker adapter uses the postgres adapter. */
public final class BrokerUsingPostgres {
    private final PostgresOrders orders = new PostgresOrders();

    public void remember(Order order) {
        orders.save(order);
    }
}
