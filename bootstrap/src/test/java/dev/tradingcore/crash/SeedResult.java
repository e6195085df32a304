package dev.tradingcore.crash;

import java.time.Duration;
import java.util.List;

/**
 * What one seed of the crash test did and found.
 *
 * @param seed the seed of the exchange, the strategy and the kill moments
 * @param faultPerMille the exchange's injected fault rate, in thousandths of requests
 * @param kills how many times the core was killed with SIGKILL while it ran
 * @param exchangeKills how many of those kills took the paper exchange down too (SIGKILL, restarted on its state)
 * @param moments where each round's kill landed (or that the run ended first)
 * @param orders our orders stored at the end
 * @param check the verdict: fills checked and every finding by kind (zero expected)
 * @param reconcileOnly how the last reconcile-only ended, and what an exit 1 corrected
 * @param failures what went wrong with the run itself (a core that died on its own, a wait that ran out...)
 * @param took how long the seed took
 */
record SeedResult(long seed, int faultPerMille, int kills, int exchangeKills, List<String> moments, int orders, LedgerCheck check,
        String reconcileOnly, List<String> failures, Duration took) {

    List<String> discrepancies() {
        return check.discrepancies();
    }

    int fillsChecked() {
        return check.fillsChecked();
    }

    boolean passed() {
        return check.findings().isEmpty() && failures.isEmpty();
    }

    String line() {
        return String.format("crash test seed %d (faults %d per mille): kills %d (with the exchange %d), orders %d,"
                + " fills checked %d;"
                + " corrections by recovery %d, reconcile-only %s; mismatches: positions %d, average price %d,"
                + " realized P&L %d, audit lines %d, fills %d, orders %d; discrepancies %d%s (%.1f s)", seed,
                faultPerMille, kills, exchangeKills, orders, check.fillsChecked(), check.count(LedgerCheck.Kind.CORRECTION),
                reconcileOnly, check.count(LedgerCheck.Kind.POSITION), check.count(LedgerCheck.Kind.AVERAGE_PRICE),
                check.count(LedgerCheck.Kind.REALIZED_PNL), check.count(LedgerCheck.Kind.AUDIT),
                check.count(LedgerCheck.Kind.FILL), check.count(LedgerCheck.Kind.ORDER), discrepancies().size(),
                failures.isEmpty() ? "" : ", failures " + failures.size(), took.toMillis() / 1000.0);
    }
}
