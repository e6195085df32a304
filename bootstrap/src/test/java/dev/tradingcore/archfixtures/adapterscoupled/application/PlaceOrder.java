package dev.tradingcore.archfixtures.adapterscoupled.application;

import dev.tradingcore.archfixtures.adapterscoupled.domain.Order;

/** Spared: a use case seeing the domain. */
public final class PlaceOrder {
    public Order place(String id) {
        return new Order(id);
    }
}
