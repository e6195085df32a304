package dev.tradingcore.domain.common;

/**
 * Why the domain said no to a command: a stable {@code code} for programs and a {@code message} for a trader.
 * A rejection is an answer, not a failure: it is returned in the left side of an {@code Either}.
 */
public record Rejection(String code, String message) {

    public Rejection {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a rejection needs a code");
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a rejection needs a message a trader can read");
        }
    }

    public static Rejection of(String code, String message) {
        return new Rejection(code, message);
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
