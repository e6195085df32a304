package dev.tradingcore.archfixtures.adapterscoupled.adapters.alerting;

import dev.tradingcore.archfixtures.adapterscoupled.adapters.broker.SimulatedBroker;

/** Violates adaptersAreIndependent: the alerting adapter uses the broker adapter. */
public final class AlertsUsingBroker {
    public String probe() {
        return new SimulatedBroker().submit("probe");
    }
}
