package dev.tradingcore.archfixtures.applicationcoupled.adapters.postgres;

import dev.tradingcore.archfixtures.applicationcoupled.domain.Order;

/** Spared: an adapter seeing the domain. */
public final class PostgresOrders {
    public void save(Order order) {}
}
