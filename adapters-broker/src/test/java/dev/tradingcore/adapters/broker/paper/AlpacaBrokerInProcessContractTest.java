package dev.tradingcore.adapters.broker.paper;

import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.port.BrokerGatewayContract;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.adapters.broker.alpaca.AlpacaBroker;
import dev.tradingcore.adapters.broker.alpaca.AlpacaSettings;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.domain.port.BrokerGateway;
import java.net.URI;

/**
 * The broker contract against the REST adapter whose requests the Trader API answers in-process: what the simulator
 * trades through must behave exactly as the paper exchange over a socket.
 */
class AlpacaBrokerInProcessContractTest extends BrokerGatewayContract {

    private SimulatedExchange exchange;

    @Override
    protected BrokerGateway newBroker(TestClock clock) {
        exchange = SimulatedExchange.start(SimulationConfig.defaults(42)
                .withMaxFillPerStep(Quantity.of(FILL_PER_STEP)), clock);
        TraderApi api = new TraderApi(exchange, PaperExchangeConfig.DEFAULT_KEY_ID, PaperExchangeConfig.DEFAULT_SECRET,
                clock.instant());
        return new AlpacaBroker(AlpacaSettings.of(URI.create("http://in-process"), PaperExchangeConfig.DEFAULT_KEY_ID,
                PaperExchangeConfig.DEFAULT_SECRET).withPageSize(2), new InProcessTransport(api));
    }

    @Override
    protected void step() {
        exchange.step();
    }
}
