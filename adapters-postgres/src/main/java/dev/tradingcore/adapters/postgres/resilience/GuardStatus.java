package dev.tradingcore.adapters.postgres.resilience;

import java.time.Instant;
import java.util.Optional;

/**
 * What the guard knows about the database now, for {@code status}, health checks and alerts.
 *
 * @param state the breaker's state
 * @param since when it entered that state (the guard's start for the first CLOSED)
 * @param lastFailure the last connection failure seen, if any ("ConnectException: Connection refused")
 * @param lastFailureAt when it was seen
 */
public record GuardStatus(BreakerState state, Instant since, Optional<String> lastFailure,
        Optional<Instant> lastFailureAt) {

    /**
     * One line for a person, in words that mean what they say (a breaker's "closed" reads as "shut" to anyone but an
     * electrician): "available (no connection failure since ...)", "available again since ... (last failure at
     * ...: ...)", "unavailable since ...: calls fail at once and new orders are refused (last failure: ...)",
     * "recovering since ...: trial calls decide whether it is available again (last failure: ...)".
     */
    public String describe() {
        String failure = lastFailure.orElse("slow calls");
        return switch (state) {
            case CLOSED -> lastFailure.isEmpty()
                    ? "available (no connection failure since " + since + ")"
                    : "available again since " + since + " (last failure" + lastFailureAt.map(at -> " at " + at)
                            .orElse("") + ": " + failure + ")";
            case OPEN -> "unavailable since " + since + ": calls fail at once and new orders are refused (last"
                    + " failure: " + failure + ")";
            case HALF_OPEN -> "recovering since " + since + ": trial calls decide whether it is available again"
                    + " (last failure: " + failure + ")";
        };
    }
}
