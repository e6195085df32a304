package dev.tradingcore.application.support;

import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerGatewayContract;

/** The recovery and sync tests' broker keeps the contract every real broker keeps. */
class FakeBrokerContractTest extends BrokerGatewayContract {

    private FakeBroker broker;

    @Override
    protected BrokerGateway newBroker(TestClock clock) {
        broker = new FakeBroker(clock).tradingOnly("AAPL", "MSFT").fillingAtMost(Integer.toString(FILL_PER_STEP));
        return broker;
    }

    @Override
    protected void step() {
        broker.step();
    }
}
