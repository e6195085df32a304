package dev.tradingcore.adapters.postgres.resilience;

import java.time.Instant;

/** One change of the breaker's state, at the guard clock's time. */
public record BreakerTransition(BreakerState from, BreakerState to, Instant at) {}
