package dev.tradingcore.adapters.postgres.resilience;

/**
 * Inside the guard only: a connection-level failure on its way through the breaker (which counts it) and the retry
 * (which may try again); it leaves the guard as a {@code StoreUnavailableException}.
 */
final class ConnectionLost extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean worthRetrying;

    ConnectionLost(Throwable cause, boolean worthRetrying) {
        super(DatabaseFailures.rootMessage(cause), cause, false, false);
        this.worthRetrying = worthRetrying;
    }

    boolean worthRetrying() {
        return worthRetrying;
    }
}
