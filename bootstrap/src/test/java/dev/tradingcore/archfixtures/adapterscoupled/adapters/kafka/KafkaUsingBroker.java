package dev.tradingcore.archfixtures.adapterscoupled.adapters.kafka;

import dev.tradingcore.archfixtures.adapterscoupled.adapters.broker.SimulatedBroker;

/** Violates adaptersAreIndependent: a new adapter is covered without registering it in the rule. */
public final class KafkaUsingBroker {
    public String forward() {
        return new SimulatedBroker().submit("forward");
    }
}
