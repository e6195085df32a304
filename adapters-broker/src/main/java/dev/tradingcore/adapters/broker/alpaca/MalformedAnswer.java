package dev.tradingcore.adapters.broker.alpaca;

/** The broker's answer could not be read: not JSON, a required field missing, or a value out of its domain. */
final class MalformedAnswer extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedAnswer(String message) {
        super(message);
    }

    MalformedAnswer(String message, Throwable cause) {
        super(message, cause);
    }
}
