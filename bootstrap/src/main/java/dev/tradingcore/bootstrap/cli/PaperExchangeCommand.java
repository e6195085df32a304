package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.broker.paper.PaperExchange;
import dev.tradingcore.adapters.broker.paper.PaperExchangeConfig;
import dev.tradingcore.adapters.broker.simulated.DurableState;
import dev.tradingcore.adapters.broker.simulated.Fault;
import dev.tradingcore.adapters.broker.simulated.FaultPlan;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.bootstrap.config.ConfigurationException;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.common.Quantity;
import io.vavr.collection.List;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The standalone paper exchange: the simulation served over HTTP in the Alpaca Trader API's shapes, running until
 * the process is stopped. The core can be killed and restarted against it while it keeps its orders, fills and
 * positions in memory; with {@code --state FILE} it also survives its own end, SIGKILL included: every order, cancel
 * and fill is journaled beside the file, and forced to disk, before it is answered (see {@link DurableState}).
 */
@Command(name = "paper-exchange", mixinStandardHelpOptions = true,
        description = "Serve a deterministic simulated exchange over HTTP (Alpaca Trader API v2 shapes) until stopped.")
final class PaperExchangeCommand implements Callable<Integer> {

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", required = true, description = "Port to listen on (0: any free port)")
    int port;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default 127.0.0.1)")
    String host = "127.0.0.1";

    @Option(names = "--metrics-port", paramLabel = "P",
            description = "Serve /metrics (the process's JVM figures) and /health/live, /health/ready on this port"
                    + " (METRICS_BIND, default loopback)")
    Integer metricsPort;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of prices and ids (default 42)")
    long seed = 42;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Keep the exchange in this JSON file and a journal beside it (FILE.journal.N): every order,"
                    + " cancel and fill is on disk before it is answered, and a restart continues with all of it,"
                    + " after a SIGKILL too (default: in memory only)")
    Path state;

    @Option(names = "--step-millis", paramLabel = "M", description = "Milliseconds between price steps (default 100)")
    long stepMillis = 100;

    @Option(names = "--max-fill-per-step", paramLabel = "Q",
            description = "Largest quantity an order fills per step, for partial fills (default: whole orders)")
    String maxFillPerStep;

    @Option(names = "--fault-per-mille", paramLabel = "N",
            description = "Chance in thousandths that a request gets an injected fault: slow answer, 500, 429 or"
                    + " a dropped answer after the request was handled (default 0)")
    int faultPerMille;

    @Option(names = "--fault-delay-millis", paramLabel = "M",
            description = "How late a slow answer comes, past the client's timeout (default 6000)")
    long faultDelayMillis = 6000;

    /**
     * The state file's folder must take a file now, not on the first save a second later (which failed every
     * second, with a stack trace, while the exchange looked up).
     */
    private static void requireWritable(Path state) {
        Path file = state.toAbsolutePath();
        if (java.nio.file.Files.exists(file) && !java.nio.file.Files.isRegularFile(file)) {
            throw new ConfigurationException("--state " + state + " is not a file");
        }
        Path folder = file.getParent();
        try {
            java.nio.file.Files.createDirectories(folder);
            java.nio.file.Files.delete(java.nio.file.Files.createTempFile(folder, ".state-", ".probe"));
        } catch (java.io.IOException | UnsupportedOperationException e) {
            throw new ConfigurationException("--state " + state + ": cannot write in " + folder + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (stepMillis < 0) {
            throw new ConfigurationException("--step-millis must be zero or more, not " + stepMillis);
        }
        Settings settings = parent.config.load();
        Clock clock = Clock.systemUTC();
        SimulationConfig simulation = SimulationConfig.defaults(seed);
        if (maxFillPerStep != null) {
            try {
                simulation = simulation.withMaxFillPerStep(Quantity.of(maxFillPerStep));
            } catch (IllegalArgumentException bad) {
                throw new ConfigurationException("--max-fill-per-step: " + bad.getMessage());
            }
        }
        FaultPlan faults;
        try {
            faults = new FaultPlan(seed, faultPerMille, List.of(Fault.values()), Duration.ZERO,
                    Duration.ofMillis(faultDelayMillis));
        } catch (IllegalArgumentException bad) {
            throw new ConfigurationException(bad.getMessage());
        }
        PaperExchangeConfig config;
        try {
            config = PaperExchangeConfig.defaults(port).withStepInterval(Duration.ofMillis(stepMillis))
                    .withCredentials(settings.broker().keyId().orElse(PaperExchangeConfig.DEFAULT_KEY_ID),
                            settings.broker().secretKey().orElse(PaperExchangeConfig.DEFAULT_SECRET))
                    .withFaults(faults);
            config = new PaperExchangeConfig(host, config.port(), config.keyId(), config.secretKey(),
                    config.stepInterval(), config.saveInterval(), config.threads(), config.faults());
        } catch (IllegalArgumentException bad) {
            throw new ConfigurationException(bad.getMessage());
        }
        if (state != null) {
            requireWritable(state);
        }
        SimulationConfig chosen = simulation;
        io.vavr.control.Option<DurableState> durable;
        try {
            durable = state == null ? io.vavr.control.Option.none()
                    : io.vavr.control.Option.some(DurableState.open(state, chosen, clock));
        } catch (IllegalArgumentException bad) {
            throw new ConfigurationException(bad.getMessage());
        }
        SimulatedExchange exchange = durable.map(DurableState::exchange)
                .getOrElse(() -> SimulatedExchange.start(chosen, clock));
        PaperExchange paper;
        try {
            paper = durable.isDefined() ? PaperExchange.start(durable.get(), config, clock)
                    : PaperExchange.start(exchange, config, clock);
        } catch (java.net.BindException taken) {
            durable.forEach(DurableState::close);
            throw new java.io.UncheckedIOException("port " + port + " on " + host + " is taken (Address already in"
                    + " use): stop what listens there or choose another --port", taken);
        }
        Settings.Metrics metricsSettings = metricsPort == null ? settings.metrics()
                : new Settings.Metrics(java.util.Optional.of(metricsPort), settings.metrics().bind());
        java.util.Optional<dev.tradingcore.bootstrap.monitoring.MetricsEndpoint> metrics =
                dev.tradingcore.bootstrap.monitoring.MetricsEndpoint.start(metricsSettings,
                        dev.tradingcore.bootstrap.monitoring.MetricsEndpoint.registry(), java.util.Optional::empty);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            metrics.ifPresent(dev.tradingcore.bootstrap.monitoring.MetricsEndpoint::close);
            paper.close();
            stopped.countDown();
        }, "paper-exchange-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("paper exchange listening on %s (seed %d, step every %d ms, %s, account %s, %d open orders,"
                + " %d fills)%n", paper.uri(), seed, stepMillis, durable.map(d -> "state in " + d.path()
                        + " and its journal" + (d.replayed() > 0 ? " (" + d.replayed() + " journal records replayed)"
                                : "")).getOrElse("state in memory: a new account at every start"),
                exchange.accountId(), exchange.openOrders().size(), exchange.fills().size());
        out.printf("trade with it: trading-core run --broker paper --broker-url %s%n", paper.uri());
        metrics.ifPresent(m -> out.printf("metrics on http://%s:%d/metrics%n", m.address().getHostString(),
                m.address().getPort()));
        out.flush();
        stopped.await();
        return 0;
    }
}
