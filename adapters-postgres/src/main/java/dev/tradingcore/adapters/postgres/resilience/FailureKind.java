package dev.tradingcore.adapters.postgres.resilience;

/** What a failure of a database call says about the database, which decides whether to retry, count or pass it on. */
public enum FailureKind {
    /**
     * The database could not be reached or dropped the connection (SQLState class 08, 57P01-57P03 shutdown, 53300
     * too many connections, a pool wait that timed out, a socket error or timeout). Nothing can be done until it is
     * back: counted by the circuit breaker, reported as {@code StoreUnavailableException}.
     */
    CONNECTION,
    /**
     * The database answered that a statement ran out of time (57014 statement timeout, 55P03 lock timeout). It is
     * alive but slow or contended; reported as {@code StoreUnavailableException} (nothing was written), not retried
     * (that would double the wait), and left to the breaker's slow-call accounting.
     */
    TIMEOUT,
    /**
     * A serialization failure (40001) or deadlock (40P01): a conflict between transactions, retried by the
     * transaction that knows how to redo its work (the fill journal), never counted against the database.
     */
    CONFLICT,
    /** The database answered with an error about the data or the statement (23xxx, 22xxx, 42xxx, ...): rethrown. */
    DATA,
    /** Not a database failure at all (a bug, a mapping error): rethrown untouched and not counted. */
    OTHER
}
