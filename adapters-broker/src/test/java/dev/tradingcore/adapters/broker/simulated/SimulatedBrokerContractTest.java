package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.port.BrokerGatewayContract;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.port.BrokerGateway;

/** The broker contract against the in-process simulation. */
class SimulatedBrokerContractTest extends BrokerGatewayContract {

    private SimulatedBroker broker;

    @Override
    protected BrokerGateway newBroker(TestClock clock) {
        broker = SimulatedBroker.create(SimulationConfig.defaults(42)
                .withMaxFillPerStep(Quantity.of(FILL_PER_STEP)), clock);
        return broker;
    }

    @Override
    protected void step() {
        broker.step();
    }
}
