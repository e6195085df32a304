package dev.tradingcore.adapters.broker.simulated;

/**
 * A failure injected into a broker call.
 *
 * <p>In-process ({@link SimulatedBroker}): {@link #TIMEOUT}, {@link #SERVER_ERROR} and {@link #RATE_LIMITED} fail the
 * call before it reaches the exchange (nothing happens there); {@link #RESPONSE_DROPPED} lets the call happen and
 * then loses the answer (the caller sees a timeout, the order exists).
 *
 * <p>Over HTTP (the paper exchange): {@link #TIMEOUT} handles the request and answers only after the configured delay
 * (past the client's timeout); {@link #SERVER_ERROR} answers 500 without handling; {@link #RATE_LIMITED} answers 429
 * with {@code Retry-After}; {@link #RESPONSE_DROPPED} handles the request and closes the connection without an
 * answer.
 */
public enum Fault {
    TIMEOUT,
    SERVER_ERROR,
    RATE_LIMITED,
    RESPONSE_DROPPED
}
