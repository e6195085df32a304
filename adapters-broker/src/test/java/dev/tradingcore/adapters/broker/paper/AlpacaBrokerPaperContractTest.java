package dev.tradingcore.adapters.broker.paper;

import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.port.BrokerGatewayContract;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.adapters.broker.alpaca.AlpacaBroker;
import dev.tradingcore.adapters.broker.alpaca.AlpacaSettings;
import dev.tradingcore.adapters.broker.simulated.DurableState;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.domain.port.BrokerGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker contract against the REST adapter talking to the paper exchange on a loopback port, with its state on
 * disk: every change goes through the journal, as when it runs with {@code --state}.
 */
class AlpacaBrokerPaperContractTest extends BrokerGatewayContract {

    @TempDir
    Path directory;

    private PaperExchange paper;

    @Override
    protected BrokerGateway newBroker(TestClock clock) {
        try {
            DurableState state = DurableState.open(directory.resolve("paper-" + System.nanoTime() + ".json"),
                    SimulationConfig.defaults(42).withMaxFillPerStep(Quantity.of(FILL_PER_STEP)), clock);
            paper = PaperExchange.start(state, PaperExchangeConfig.defaults(0).withStepInterval(Duration.ZERO),
                    clock);
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
