package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.bootstrap.simulation.SimulationRun;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The seeded simulation of the whole core under a hostile broker, for soaks and for replaying a failing seed. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run seeded sessions of the whole core against a simulated broker at its worst (lost, late, "
                + "duplicate and malformed answers, refusals, restarts, fills published late, crashes of the core), "
                + "each checked against the broker's truth.",
            "Prints sessions, faults injected by kind, fills checked and violations, with the command that replays "
                + "each failing seed. Exit status 0: no violation; 1: violations; 2: usage."})
final class SimulateCommand implements Callable<Integer> {

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "1000", description = "Sessions to run "
            + "(default ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The first session's seed; the "
            + "others follow (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "150", description = "Actions per session "
            + "(default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--faults", split = ",", paramLabel = "KIND", description = "Only these fault kinds (default: "
            + "all), e.g. --faults core_crash,late_publication. Kinds: ${COMPLETION-CANDIDATES}")
    List<SimulationRun.Kind> faults;

    @Option(names = "--threads", paramLabel = "N", description = "Sessions run side by side (default: the "
            + "machine's processors).")
    Integer threads;

    @Option(names = "--database", description = "Keep each session's books in a PostgreSQL database of its own "
            + "(created on the configured or embedded server, dropped after the session) instead of in memory.")
    boolean database;

    @Option(names = "--trace", description = "Print what each failing session did, step by step.")
    boolean trace;

    @Override
    public Integer call() throws Exception {
        if (sessions < 1 || steps < 1 || (threads != null && threads < 1)) {
            spec.commandLine().getErr().println("simulate: --sessions, --steps and --threads must be at least 1; "
                    + "see --help");
            spec.commandLine().getErr().flush();
            return TradingCoreCommand.BAD_CONFIGURATION;
        }
        int parallel = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        SimulationRun run = new SimulationRun(seed, sessions, steps, faults, parallel, trace);
        return database
                ? run.onPostgres(parent.config.load(), spec.commandLine().getOut())
                : run.inMemory(spec.commandLine().getOut());
    }
}
