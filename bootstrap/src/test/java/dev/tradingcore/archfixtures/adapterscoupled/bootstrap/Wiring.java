package dev.tradingcore.archfixtures.adapterscoupled.bootstrap;

import dev.tradingcore.archfixtures.adapterscoupled.adapters.alerting.LogSink;
import dev.tradingcore.archfixtures.adapterscoupled.adapters.broker.SimulatedBroker;
import dev.tradingcore.archfixtures.adapterscoupled.adapters.postgres.PostgresOrders;
import dev.tradingcore.archfixtures.adapterscoupled.application.PlaceOrder;

/** Spared: bootstrap sees every adapter. */
public final class Wiring {
    public Object[] beans() {
        return new Object[] {new PostgresOrders(), new SimulatedBroker(), new LogSink(), new PlaceOrder()};
    }
}
