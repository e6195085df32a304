package dev.tradingcore.archfixtures.adapterscoupled.adapters.broker;

/** Spared: an adapter on its own. */
public final class SimulatedBroker {
    public String submit(String order) {
        return order;
    }
}
