package dev.tradingcore.archfixtures.adapterscoupled.domain;

import dev.tradingcore.archfixtures.adapterscoupled.application.PlaceOrder;

/** Violates adaptersAreIndependent: the domain depends on something of ours outside itself. */
public final class OrderUsingApplication {
    public PlaceOrder useCase() {
        return new PlaceOrder();
    }
}
