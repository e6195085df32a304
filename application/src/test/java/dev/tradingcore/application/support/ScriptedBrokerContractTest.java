package dev.tradingcore.application.support;

import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerGatewayContract;

/** The order tests' broker, unscripted, keeps the contract every real broker keeps. */
class ScriptedBrokerContractTest extends BrokerGatewayContract {

    private ScriptedBroker broker;

    @Override
    protected BrokerGateway newBroker(TestClock clock) {
        broker = new ScriptedBroker(clock).tradingOnly("AAPL", "MSFT")
                .fillingAtMost(Integer.toString(FILL_PER_STEP));
        return broker;
    }

    @Override
    protected void step() {
        broker.step();
    }
}
