package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.broker.alpaca.AlpacaBroker;
import dev.tradingcore.adapters.broker.alpaca.AlpacaSettings;
import dev.tradingcore.adapters.broker.paper.PaperExchangeConfig;
import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.broker.simulated.StateFile;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.ConfigurationException;
import dev.tradingcore.bootstrap.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Which broker a command trades with. {@code simulated} (the default) is the in-process simulation, whose state
 * belongs to the ledger it trades against: one file per ledger in the home ({@code simulations/<ledger id>.json}), so
 * that the next run on that database continues where this one stopped, and another database (a new
 * {@code DATABASE_URL}) gets a simulation of its own. {@code paper} is the REST adapter against a paper exchange (ours,
 * or Alpaca's paper API).
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
            description = "Where the in-process simulation keeps its state (default: one file per ledger in the home,"
                    + " <home>/simulations/<ledger id>.json)")
    Path simulationState;

    @picocli.CommandLine.Option(names = "--adopt-broker",
            description = "Move a ledger that follows another broker account to this broker: its orders still open"
                    + " for the other account are closed as abandoned and every position is set to this broker's,"
                    + " each step audited, with one alert (default: refuse to start)")
    boolean adoptBroker;

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

    /** The broker of one command, and for the simulation the handle to step its market once the core started. */
    static final class Opened {

        private final String kind;
        private volatile SimulatedBroker simulation;
        private volatile Path state;

        private Opened(String kind) {
            this.kind = kind;
        }

        /** The simulation, once the core has opened it for its ledger. */
        io.vavr.control.Option<SimulatedBroker> simulation() {
            return io.vavr.control.Option.of(simulation);
        }

        /** What the broker is and where its state is: for the one line a command prints. */
        String description() {
            return state == null ? kind : kind + ", state in " + state;
        }

        /** Saves the simulation's state now (no-op for a REST broker). */
        void save() {
            simulation().forEach(SimulatedBroker::save);
        }
    }

    /** The broker given to {@code builder}; for the simulation, the ledger's own, opened once the ledger is known. */
    Opened applyTo(TradingCore.Builder builder, Settings settings, Clock clock) {
        builder.adoptBroker(adoptBroker);
        return switch (kind) {
            case simulated -> {
                Opened opened = new Opened("in-process simulation (seed " + seed + ")");
                builder.describeBroker(opened.kind).brokerForLedger(ledger -> {
                    Path state = simulationState != null ? simulationState : ledgerState(settings, ledger);
                    SimulatedBroker simulation;
                    try {
                        simulation = SimulatedBroker.persistent(SimulationConfig.defaults(seed), clock,
                                new StateFile(state));
                    } catch (IllegalArgumentException wrongState) {
                        throw new ConfigurationException("the simulation state " + state + " cannot be used: "
                                + wrongState.getMessage());
                    }
                    opened.state = state;
                    opened.simulation = simulation;
                    return simulation;
                });
                yield opened;
            }
            case paper -> {
                if (url == null) {
                    throw new ConfigurationException("--broker paper needs --broker-url, e.g. http://127.0.0.1:8765"
                            + " (start one with: trading-core paper-exchange --port 8765)");
                }
                String key = settings.broker().keyId().orElse(PaperExchangeConfig.DEFAULT_KEY_ID);
                String secret = settings.broker().secretKey().orElse(PaperExchangeConfig.DEFAULT_SECRET);
                Opened opened = new Opened("REST broker at " + url);
                builder.describeBroker(opened.kind).broker(new AlpacaBroker(AlpacaSettings.of(url, key, secret)));
                yield opened;
            }
        };
    }

    /**
     * The ledger's simulation in the home. Before simulations were kept per ledger, one {@code simulation.json} beside
     * the embedded database's data served every database: the embedded database's ledger, the first to look for its
     * own, takes it over (moved, so that no other ledger takes it too); a database of its own starts a new one.
     */
    private static Path ledgerState(Settings settings, String ledger) {
        Path state = settings.simulationState(ledger);
        Path legacy = settings.embedded().dataDirectory().resolveSibling("simulation.json");
        if (settings.databaseUrl().isEmpty() && !Files.exists(state) && Files.isRegularFile(legacy)) {
            try {
                Files.createDirectories(state.getParent());
                Files.move(legacy, state);
            } catch (IOException e) {
                throw new UncheckedIOException("could not move the simulation state " + legacy + " to " + state
                        + ": " + e.getMessage(), e);
            }
        }
        return state;
    }
}
