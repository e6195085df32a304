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

    /** One line for a person: "open since 2026-11-23T15:00:01Z (last failure: ConnectException: ...)". */
    public String describe() {
        String base = state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " since " + since;
        return lastFailure.map(f -> base + " (last failure: " + f + ")").orElse(base);
    }
}
