package dev.tradingcore.adapters.broker.alpaca;

import dev.tradingcore.domain.port.BrokerGatewayContract;
import java.math.BigDecimal;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.port.BrokerGateway;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The broker contract against the REST adapter talking to a stub serving the spec's documented JSON shapes. */
class AlpacaBrokerStubContractTest extends BrokerGatewayContract {

    private StubAlpacaServer stub;

    @Override
    protected BrokerGateway newBroker(TestClock clock) {
        try {
            stub = new StubAlpacaServer(clock).fillingAtMost(new BigDecimal(FILL_PER_STEP));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AlpacaBroker(stub.settings());
    }

    @Override
    protected void step() {
        stub.step();
    }

    @Override
    protected void close() {
        stub.close();
    }
}
