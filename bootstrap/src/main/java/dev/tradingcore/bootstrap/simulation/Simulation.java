package dev.tradingcore.bootstrap.simulation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Many sessions, seeds {@code firstSeed}, {@code firstSeed + 1}, ...: each independent and single-threaded, so they
 * run side by side on every core and each still replays alone with its seed.
 */
final class Simulation {

    /** Every kind: what the tests and a default {@code simulate} inject. */
    static final Set<FaultKind> ALL_FAULTS = EnumSet.allOf(FaultKind.class);

    /** @param trace whether each session records what it did, step by step, into its violations (for a replay) */
    record Plan(long firstSeed, int sessions, int steps, Set<FaultKind> faults, int threads, boolean trace) {

        Plan(long firstSeed, int sessions, int steps, Set<FaultKind> faults, int threads) {
            this(firstSeed, sessions, steps, faults, threads, false);
        }
    }

    private Simulation() {
    }

    /**
     * Runs the plan; {@code stores} gives each session its store (in memory, or a fresh PostgreSQL database).
     *
     * @param progress told of each finished session, in seed order
     */
    static SimulationReport run(Plan plan, LongFunction<SimulationStore> stores,
            java.util.function.Consumer<SessionResult> progress) throws InterruptedException {
        long started = System.nanoTime();
        List<SessionResult> results = new ArrayList<>();
        AutoCloseable quiet = QuietLogs.silence();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, plan.threads()), runnable -> {
            Thread thread = new Thread(runnable, "simulation");
            thread.setDaemon(true);
            return thread;
        });
        try {
            int window = Math.max(1, plan.threads()) * 4;
            List<Future<SessionResult>> running = new ArrayList<>();
            long next = plan.firstSeed();
            long end = plan.firstSeed() + plan.sessions();
            while (next < end || !running.isEmpty()) {
                while (next < end && running.size() < window) {
                    long seed = next++;
                    running.add(pool.submit(() -> runOne(seed, plan, stores)));
                }
                SessionResult result = running.remove(0).get();
                results.add(result);
                progress.accept(result);
            }
        } catch (ExecutionException failed) {
            throw new IllegalStateException("a session failed to run: " + failed.getCause(), failed.getCause());
        } finally {
            pool.shutdownNow();
            try {
                quiet.close();
            } catch (Exception unexpected) {
                throw new IllegalStateException(unexpected);
            }
        }
        return new SimulationReport(plan, results, java.time.Duration.ofNanos(System.nanoTime() - started));
    }

    /** One session, alone: what a replay runs. */
    static SessionResult runOne(long seed, Plan plan, LongFunction<SimulationStore> stores) {
        try (SimulationStore store = stores.apply(seed)) {
            return new Session(new Session.Options(seed, plan.steps(), plan.faults(), plan.trace()), store).run();
        }
    }
}
