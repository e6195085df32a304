package dev.tradingcore.adapters.broker.paper;

import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.port.BrokerGatewayContract;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.adapters.broker.alpaca.AlpacaBroker;
import dev.tradingcore.adapters.broker.alpaca.AlpacaSettings;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.domain.port.BrokerGateway;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** The broker contract against the REST adapter talking to the paper exchange on a loopback port. */
class AlpacaBrokerPaperContractTest extends BrokerGatewayContract {

    private PaperExchange paper;

    @Override
    protected BrokerGateway newBroker(TestClock clock) {
        try {
            paper = PaperExchange.start(SimulatedExchange.start(SimulationConfig.defaults(42)
                .withMaxFillPerStep(Quantity.of(FILL_PER_STEP)), clock),
                    PaperExchangeConfig.defaults(0).withStepInterval(Duration.ZERO), Option.none(), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AlpacaBroker(AlpacaSettings.of(paper.uri(), PaperExchangeConfig.DEFAULT_KEY_ID,
                PaperExchangeConfig.DEFAULT_SECRET).withPageSize(2));
    }

    @Override
    protected void step() {
        paper.exchange().step();
    }

    @Override
    protected void close() {
        paper.close();
    }
}
