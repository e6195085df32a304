package dev.tradingcore.bootstrap.simulation;

import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.database.DatabaseServer;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What {@code trading-core simulate} runs: a plan of sessions on a store, reported as it goes. */
public final class SimulationRun {

    /** The fault kinds a user may name on the command line. */
    public enum Kind {
        TIMEOUT, ANSWER_LOST, SLOW_ACK, UNAUTHORIZED, FORBIDDEN, RATE_LIMITED, SERVER_ERROR, SERVER_ERROR_AFTER,
        MALFORMED, DUPLICATE_ACTIVITY, SHUFFLED_ACTIVITIES, LATE_PUBLICATION, BROKER_RESTART, FILL_AFTER_CANCEL,
        PARTIAL_FILL, PUSHED_FILL_AGAIN, STALE_STATUS_PUSH, FOREIGN_FILL, CORE_CRASH, CORE_RESTART;

        FaultKind fault() {
            return FaultKind.valueOf(name());
        }
    }

    private final Simulation.Plan plan;

    /** @param faults the kinds to inject; null or empty: every kind */
    public SimulationRun(long firstSeed, int sessions, int steps, List<Kind> faults, int threads, boolean trace) {
        Set<FaultKind> kinds = faults == null || faults.isEmpty() ? Simulation.ALL_FAULTS
                : EnumSet.copyOf(faults.stream().map(Kind::fault).toList());
        this.plan = new Simulation.Plan(firstSeed, sessions, steps, kinds, threads, trace);
    }

    /** Runs on the in-memory store; returns the exit status (0 clean, 1 violations). */
    public int inMemory(PrintWriter out) throws InterruptedException {
        return report(Simulation.run(plan, seed -> new MemoryStore(), progress(out)), out);
    }

    /**
     * Runs with each session's books in a PostgreSQL database of its own on the configured server (or the embedded
     * one), created from a migrated template and dropped after the session.
     */
    public int onPostgres(Settings settings, PrintWriter out) throws InterruptedException, java.sql.SQLException {
        try (DatabaseServer server = DatabaseServer.start(settings);
                SessionDatabases databases = new SessionDatabases(server.url())) {
            out.println("simulate: session databases on " + (server.isEmbedded() ? "the embedded PostgreSQL"
                    : server.url().redacted()));
            return report(Simulation.run(plan, databases::storeFor, progress(out)), out);
        }
    }

    private java.util.function.Consumer<SessionResult> progress(PrintWriter out) {
        long[] done = {0};
        long started = System.nanoTime();
        return result -> {
            done[0]++;
            if (!result.passed() || done[0] % Math.max(1, plan.sessions() / 20) == 0) {
                out.printf(Locale.ROOT, "  %d/%d sessions, %.0f s%s%n", done[0], plan.sessions(),
                        (System.nanoTime() - started) / 1e9, result.passed() ? "" : ", seed " + result.seed()
                                + " FAILED");
                out.flush();
            }
        };
    }

    private static int report(SimulationReport report, PrintWriter out) {
        out.print(report.describe("trading-core simulate"));
        out.flush();
        return report.failed().isEmpty() ? 0 : 1;
    }
}
