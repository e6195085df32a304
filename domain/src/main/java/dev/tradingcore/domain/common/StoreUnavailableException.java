package dev.tradingcore.domain.common;

/**
 * The store behind a port could not be reached or is refusing work for now (connection lost, timeout, circuit
 * open). Nothing was written by the call that failed; the same call may succeed later. This is broken
 * infrastructure, not a business answer, hence an exception; callers that must not lose work (a broker fill)
 * keep it to deliver again.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
