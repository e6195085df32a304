package dev.tradingcore.bootstrap.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one session did and found.
 *
 * @param store where the core kept its books (memory or PostgreSQL)
 * @param fills executions of our orders at the broker, each checked
 * @param orders our orders the broker received
 * @param starts how many times a core process started (the first, restarts and restarts after crashes)
 * @param violations what does not hold against the broker's truth; empty for a passing session
 * @param rates the per-mille rate of each broker fault kind this session drew
 * @param submissions what became of the strategy's submissions, by outcome
 */
record SessionResult(long seed, String store, FaultCounts faults, int fills, int orders, int starts,
        List<String> violations, Map<FaultKind, Integer> rates, Map<String, Integer> submissions,
        Duration elapsed) {

    boolean passed() {
        return violations.isEmpty();
    }
}
