package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.bootstrap.bench.BenchOptions;
import dev.tradingcore.bootstrap.bench.BenchRunner;
import dev.tradingcore.bootstrap.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Like pgbench for this project: every hot path against the same SQL through plain JDBC, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the core's hot paths against the same SQL through plain JDBC, interleaved, on a "
                + "database of its own (created on the configured or embedded server, dropped at the end).",
            "Scenarios: 1 fill transaction at 1/2/4/8/16/32 writers (with the disk's durable commit rate), 2 order "
                + "submission to the simulated broker, 3 bulk ingest (COPY), 4 hot reads, 5 audit logger, "
                + "6 start-up recovery, 7 the fill path scraped by Prometheus (GET /metrics every second) against"
                + " not scraped.",
            "Prints one table and writes <out>/<date>-<mode>.json and .md."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Smoke run: small data, short steps (under a minute).")
    boolean quick;

    @Option(names = "--scenarios", split = ",", paramLabel = "N",
            description = "Scenarios to run, e.g. --scenarios 1,3,4 (default: all).")
    List<Integer> scenarios;

    @Option(names = "--trades", paramLabel = "N",
            description = "Trades per path in the bulk ingest, and the least the hot reads run over "
                    + "(default 1000000; --quick 20000).")
    Integer trades;

    @Option(names = "--duration-per-step", paramLabel = "DURATION",
            description = "Measured time of each path per step, e.g. 10s, 500ms (default 8s; --quick 400ms).")
    String durationPerStep;

    @Option(names = "--writers", split = ",", paramLabel = "N",
            description = "Concurrent writers of the fill scenario, e.g. --writers 1,8 (default 1,2,4,8,16,32).")
    List<Integer> writers;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/benchmarks",
            description = "Where the JSON and Markdown reports go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--keep", description = "Keep the bench database at the end.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        Settings settings = parent.config.load();
        Set<Integer> chosen = scenarios == null ? BenchOptions.ALL : new LinkedHashSet<>(scenarios);
        BenchOptions options;
        try {
            options = quick ? BenchOptions.quick(chosen, out, keep) : BenchOptions.full(chosen, out, keep);
            if (trades != null) {
                options = options.withTrades(trades);
            }
            if (writers != null) {
                options = options.withWriterLevels(writers);
            }
            if (durationPerStep != null) {
                options = options.withStepDuration(duration(durationPerStep));
            }
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException bad) {
            spec.commandLine().getErr().println("bench: " + bad.getMessage());
            spec.commandLine().getErr().flush();
            return TradingCoreCommand.BAD_CONFIGURATION;
        }
        new BenchRunner(settings, options, Clock.systemUTC(), spec.commandLine().getOut(),
                spec.commandLine().getErr()).run("trading-core " + String.join(" ", spec.commandLine().getParseResult()
                        .originalArgs()));
        return 0;
    }

    private static Duration duration(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 10s, 500ms, 2m)");
        }
        throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 10s, 500ms, 2m)");
    }
}
