package dev.tradingcore.archfixtures.adapterscoupled.adapters.postgres;

import dev.tradingcore.archfixtures.adapterscoupled.domain.Order;

/** Spared: an adapter seeing the domain. */
public final class PostgresOrders {
    public void save(Order order) {}
}
