package dev.tradingcore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The crash test of issue 5: the core, as a separate JVM started from trading-core.jar, is killed with SIGKILL at
 * moments spread over whole runs (start-up with migration and recovery, trading, settling) against the paper exchange
 * (its own JVM, its state journaled on disk; killed with the core once per seed and restarted on its state),
 * restarted, and finally checked against the exchange by {@link LedgerCheck}: what the core booked before any
 * correction (every fill stored once with its audit line, each audit line's position following from the fills before
 * it, positions, average prices and realized P&amp;L against the exchange's fills in execution order), the corrections
 * recovery made (each a finding), and no order left open that the exchange has closed. One dynamic test per seed; the
 * totals are printed at the end. The first round of every seed kills the core inside the COMMIT of a fill batch: the
 * test slows each commit that wrote a position by 40 ms at the server (a deferred trigger,
 * {@code CrashScenario.SLOW_COMMIT}) and kills the core when it sees one of its backends running the COMMIT of a
 * transaction that inserted trades; the server then commits the batch with no caller left to answer, and the restarted
 * core must find those fills stored once (redelivered as duplicates), none lost, none doubled.
 *
 * <p>Run by failsafe after {@code package}: {@code ./mvnw verify} (5 seeds), {@code -Dcrash.seeds=20} for more,
 * {@code -Dcrash.first-seed=42 -Dcrash.seeds=1} to repeat one seed, {@code -Dcrash.kills=5} for more kills per seed.
 * Even seeds also run the exchange with injected faults ({@code -Dcrash.fault-per-mille}, default 20: slow answers past
 * the client's timeout, 500s, 429s, answers dropped after the request was handled), odd seeds without.
 */
class CrashRecoveryIT {

    private static final List<SeedResult> RESULTS = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> the_core_killed_anywhere_in_its_runs_books_every_fill_exactly_once_and_needs_no_correction() {
        Path jar = Path.of(System.getProperty("crash.jar", "target/trading-core.jar")).toAbsolutePath();
        Path work = Path.of(System.getProperty("crash.work-directory", "target/crash-it")).toAbsolutePath();
        int seeds = Integer.getInteger("crash.seeds", 5);
        long first = Long.getLong("crash.first-seed", 1L);
        int kills = Integer.getInteger("crash.kills", 3);
        int faults = Integer.getInteger("crash.fault-per-mille", 20);
        assertThat(jar).as("the runnable jar (built by package)").isRegularFile();
        assertThat(seeds).as("crash.seeds").isPositive();
        return LongStream.range(first, first + seeds).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Files.createDirectories(work);
            SeedResult result = new CrashScenario(seed, kills, seed % 2 == 0 ? faults : 0, jar, work).run();
            synchronized (RESULTS) {
                RESULTS.add(result);
            }
            CrashScenario.log(result.line());
            result.moments().forEach(m -> CrashScenario.log("  kill " + m));
            result.failures().forEach(f -> CrashScenario.log("  failure: " + f));
            result.check().findings().forEach(d -> CrashScenario.log("  discrepancy (" + d.kind().label + "): "
                    + d.text()));
            assertThat(result.failures()).as("seed %d: the run itself (logs under %s)", seed, work.resolve(
                    Long.toString(seed))).isEmpty();
            assertThat(result.discrepancies()).as("seed %d: discrepancies between the database and the exchange",
                    seed).isEmpty();
            assertThat(result.kills()).as("seed %d: kills", seed).isEqualTo(kills);
            assertThat(result.exchangeKills()).as("seed %d: kills that took the exchange down too", seed)
                    .isEqualTo(kills > 0 ? 1 : 0);
            assertThat(result.fillsChecked()).as("seed %d: fills checked", seed).isPositive();
        }));
    }

    @AfterAll
    static void printTotals() {
        synchronized (RESULTS) {
            int kills = RESULTS.stream().mapToInt(SeedResult::kills).sum();
            int exchangeKills = RESULTS.stream().mapToInt(SeedResult::exchangeKills).sum();
            int orders = RESULTS.stream().mapToInt(SeedResult::orders).sum();
            int fills = RESULTS.stream().mapToInt(SeedResult::fillsChecked).sum();
            int discrepancies = RESULTS.stream().mapToInt(r -> r.discrepancies().size()).sum();
            long passed = RESULTS.stream().filter(SeedResult::passed).count();
            StringBuilder byKind = new StringBuilder();
            for (LedgerCheck.Kind kind : LedgerCheck.Kind.values()) {
                byKind.append(byKind.isEmpty() ? "" : ", ").append(kind.label).append(' ')
                        .append(RESULTS.stream().mapToLong(r -> r.check().count(kind)).sum());
            }
            CrashScenario.log(String.format("crash test total: %d seeds (%d passed), kills %d (with the exchange %d),"
                    + " orders %d, fills checked %d, discrepancies %d (%s)", RESULTS.size(), passed, kills,
                    exchangeKills, orders, fills, discrepancies, byKind));
        }
    }
}
