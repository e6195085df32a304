package dev.tradingcore.adapters.postgres.resilience;

/** The database circuit breaker's state. */
public enum BreakerState {
    /** Calls go to the database. */
    CLOSED,
    /** Calls fail at once without touching the database; new orders are refused. */
    OPEN,
    /** A few probe calls go through; they decide between closing and opening again. */
    HALF_OPEN
}
