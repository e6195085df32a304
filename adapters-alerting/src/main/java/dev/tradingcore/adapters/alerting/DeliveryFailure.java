package dev.tradingcore.adapters.alerting;

/**
 * One attempt to deliver an alert failed. Retryable failures (a timeout, a refused connection, HTTP 5xx, an SMTP 4xx
 * reply) are tried again after a backoff; the others (HTTP 4xx, SMTP 5xx: a wrong URL, token or address) are not,
 * because the next attempt would fail the same way. The message never contains a credential.
 */
public final class DeliveryFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    DeliveryFailure(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    DeliveryFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
