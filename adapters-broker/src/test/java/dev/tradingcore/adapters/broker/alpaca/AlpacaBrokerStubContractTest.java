package dev.tradingcore.adapters.broker.alpaca;

import dev.tradingcore.adapters.broker.BrokerGatewayContract;
import dev.tradingcore.adapters.broker.TestClock;
import dev.tradingcore.domain.port.BrokerGateway;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The broker contract against the REST adapter talking to a stub serving the spec's documented JSON shapes. */
class AlpacaBrokerStubContractTest extends BrokerGatewayContract {

    private StubAlpacaServer stub;

    @Override
    protected BrokerGateway newBroker(TestClock clock) {
        try {
            stub = new StubAlpacaServer(clock);
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
