package dev.tradingcore.crash;

import java.time.Duration;
import java.util.List;

/**
 * What one seed of the crash test did and found.
 *
 * @param seed the seed of the exchange, the strategy and the kill moments
 * @param faultPerMille the exchange's injected fault rate, in thousandths of requests
 * @param kills how many times the core was killed with SIGKILL while it ran
 * @param orders our orders stored at the end
 * @param fillsChecked the exchange's fills compared with the database
 * @param discrepancies where the database and the exchange disagree after recovery (zero expected)
 * @param failures what went wrong with the run itself (a core that died on its own, a wait that ran out...)
 * @param took how long the seed took
 */
record SeedResult(long seed, int faultPerMille, int kills, int orders, int fillsChecked, List<String> discrepancies,
        List<String> failures, Duration took) {

    boolean passed() {
        return discrepancies.isEmpty() && failures.isEmpty();
    }

    String line() {
        return String.format("crash test seed %d (faults %d per mille): kills %d, orders %d, fills checked %d,"
                + " discrepancies %d%s (%.1f s)", seed, faultPerMille, kills, orders, fillsChecked,
                discrepancies.size(), failures.isEmpty() ? "" : ", failures " + failures.size(),
                took.toMillis() / 1000.0);
    }
}
