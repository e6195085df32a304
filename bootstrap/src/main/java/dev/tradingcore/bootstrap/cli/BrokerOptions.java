package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.broker.alpaca.AlpacaBroker;
import dev.tradingcore.adapters.broker.alpaca.AlpacaSettings;
import dev.tradingcore.adapters.broker.paper.PaperExchangeConfig;
import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.broker.simulated.StateFile;
import dev.tradingcore.bootstrap.config.ConfigurationException;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.port.BrokerGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Which broker a command trades with. {@code simulated} (the default) is the in-process simulation, whose state is
 * kept in a file so that the next run continues where this one stopped (its positions are what the database
 * reconciles against); {@code paper} is the REST adapter against a paper exchange (ours, or Alpaca's paper API).
 */
public final class BrokerOptions {

    /** The kinds of broker a command can use. */
    public enum Kind {
        simulated, paper
    }

    @picocli.CommandLine.Option(names = "--broker", paramLabel = "KIND", description = "simulated (default) or paper")
    Kind kind = Kind.simulated;

    @picocli.CommandLine.Option(names = "--broker-url", paramLabel = "URL",
            description = "Base URL of the paper exchange or Alpaca API (for --broker paper)")
    URI url;

    @picocli.CommandLine.Option(names = "--seed", paramLabel = "N",
            description = "Seed of the simulation and the sample strategy (default 42)")
    long seed = 42;

    @picocli.CommandLine.Option(names = "--simulation-state", paramLabel = "FILE",
            description = "Where the in-process simulation keeps its state (default: simulation.json beside the"
                    + " embedded database's data, e.g. ~/.trading-core/simulation.json)")
    Path simulationState;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** Refuses options that cannot work, before anything starts: a usage error naming the option. */
    void validate() {
        if (url != null) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new picocli.CommandLine.ParameterException(mixee.commandLine(), "--broker-url '" + url
                        + "' is not an http or https URL with a host, e.g. http://127.0.0.1:8765");
            }
            if (kind != Kind.paper) {
                throw new picocli.CommandLine.ParameterException(mixee.commandLine(),
                        "--broker-url goes with --broker paper");
            }
        }
        if (kind == Kind.paper && url == null) {
            throw new picocli.CommandLine.ParameterException(mixee.commandLine(), "--broker paper needs --broker-url,"
                    + " e.g. http://127.0.0.1:8765 (start one with: trading-core paper-exchange --port 8765)");
        }
    }

    /** The broker, and for the simulation the handle to step its market. */
    record Opened(BrokerGateway gateway, io.vavr.control.Option<SimulatedBroker> simulation, String description) {}

    Opened open(Settings settings, Clock clock) {
        return switch (kind) {
            case simulated -> {
                Path state = simulationState != null ? simulationState
                        : settings.embedded().dataDirectory().resolveSibling("simulation.json");
                SimulatedBroker simulation = SimulatedBroker.persistent(SimulationConfig.defaults(seed), clock,
                        new StateFile(state));
                yield new Opened(simulation, io.vavr.control.Option.some(simulation),
                        "in-process simulation (seed " + seed + ", state " + state + ")");
            }
            case paper -> {
                if (url == null) {
                    throw new ConfigurationException("--broker paper needs --broker-url, e.g. http://127.0.0.1:8765"
                            + " (start one with: trading-core paper-exchange --port 8765)");
                }
                String key = settings.broker().keyId().orElse(PaperExchangeConfig.DEFAULT_KEY_ID);
                String secret = settings.broker().secretKey().orElse(PaperExchangeConfig.DEFAULT_SECRET);
                yield new Opened(new AlpacaBroker(AlpacaSettings.of(url, key, secret)), io.vavr.control.Option.none(),
                        "REST broker at " + url);
            }
        };
    }
}
