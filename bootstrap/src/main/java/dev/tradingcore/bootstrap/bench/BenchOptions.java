package dev.tradingcore.bootstrap.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What to run and how big.
 *
 * @param quick the smoke run: small data, short steps, no {@code pg_test_fsync}
 * @param scenarios which scenarios (1 to 7) to run
 * @param trades trades ingested by each path in scenario 3, and the least the hot reads of scenario 4 run over
 * @param orders orders of the hot-read data set
 * @param auditRows audit rows of the hot-read data set
 * @param symbols symbols the hot-read data set is spread over
 * @param stepDuration measured time of each path in each step (a concurrency level, an audit logger run)
 * @param rounds how many rounds each path's time is split into, alternating project and baseline
 * @param readIterations timed calls of each path per hot-read case
 * @param recoveryPositions positions (and open orders) of the start-up recovery scenario
 * @param out where the JSON and Markdown reports go
 * @param keep whether to keep the bench database at the end
 */
public record BenchOptions(boolean quick, Set<Integer> scenarios, int trades, int orders, int auditRows, int symbols,
        Duration stepDuration, int rounds, int readIterations, int recoveryPositions, List<Integer> writerLevels,
        Path out, boolean keep) {

    /** The scenarios there are. */
    public static final Set<Integer> ALL = Set.of(1, 2, 3, 4, 5, 6, 7);

    public BenchOptions {
        scenarios = Set.copyOf(scenarios);
        writerLevels = List.copyOf(writerLevels);
        for (int s : scenarios) {
            if (!ALL.contains(s)) {
                throw new IllegalArgumentException("no scenario " + s + ": the scenarios are 1 to 7");
            }
        }
        if (trades < 1 || orders < 10 || auditRows < 1 || symbols < 1 || symbols > orders || rounds < 2
                || readIterations < 10 || recoveryPositions < 1) {
            throw new IllegalArgumentException("sizes must be positive (at least 10 orders, no more symbols than "
                    + "orders, at least 2 rounds and 10 read iterations)");
        }
        if (writerLevels.isEmpty() || writerLevels.stream().anyMatch(w -> w < 1 || w > 256)) {
            throw new IllegalArgumentException("writer levels must be 1 to 256, got " + writerLevels);
        }
        if (stepDuration.isNegative() || stepDuration.isZero()) {
            throw new IllegalArgumentException("the duration per step must be positive, got " + stepDuration);
        }
    }

    /** The full run's sizes: the design's 1M trades, 10K orders, 1M audit rows. */
    public static BenchOptions full(Set<Integer> scenarios, Path out, boolean keep) {
        return new BenchOptions(false, scenarios, 1_000_000, 10_000, 1_000_000, 1_000, Duration.ofSeconds(8), 4,
                2_000, 10_000, List.of(1, 2, 4, 8, 16, 32), out, keep);
    }

    /** The smoke run: every scenario, small, in well under a minute. */
    public static BenchOptions quick(Set<Integer> scenarios, Path out, boolean keep) {
        return new BenchOptions(true, scenarios, 20_000, 1_000, 20_000, 100, Duration.ofMillis(400), 2, 200, 500,
                List.of(1, 2, 4, 8, 16, 32), out, keep);
    }

    public BenchOptions withTrades(int value) {
        return new BenchOptions(quick, scenarios, value, orders, auditRows, symbols, stepDuration, rounds,
                readIterations, recoveryPositions, writerLevels, out, keep);
    }

    public BenchOptions withStepDuration(Duration value) {
        return new BenchOptions(quick, scenarios, trades, orders, auditRows, symbols, value, rounds, readIterations,
                recoveryPositions, writerLevels, out, keep);
    }

    /** The fill scenario at these concurrencies only (e.g. one level while profiling it). */
    public BenchOptions withWriterLevels(List<Integer> value) {
        return new BenchOptions(quick, scenarios, trades, orders, auditRows, symbols, stepDuration, rounds,
                readIterations, recoveryPositions, value, out, keep);
    }

    public String mode() {
        return quick ? "quick" : "full";
    }

    /** One round of one path: the step's time split over the rounds. */
    Duration roundDuration() {
        return stepDuration.dividedBy(rounds);
    }
}
