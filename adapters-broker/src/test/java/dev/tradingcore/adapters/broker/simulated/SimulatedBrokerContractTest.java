package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.adapters.broker.BrokerGatewayContract;
import dev.tradingcore.adapters.broker.TestClock;
import dev.tradingcore.domain.port.BrokerGateway;

/** The broker contract against the in-process simulation. */
class SimulatedBrokerContractTest extends BrokerGatewayContract {

    private SimulatedBroker broker;

    @Override
    protected BrokerGateway newBroker(TestClock clock) {
        broker = SimulatedBroker.create(SimulationConfig.defaults(42), clock);
        return broker;
    }

    @Override
    protected void step() {
        broker.step();
    }
}
