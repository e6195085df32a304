package dev.tradingcore.adapters.broker.simulated;

/**
 * The simulation's "no", shaped as the Alpaca API answers it: an HTTP status and a body {@code {"code", "message"}}.
 *
 * @param status 403 (not enough buying power), 404 (no such order or position) or 422 (the request is invalid,
 *     a duplicate, or the order is not cancelable)
 * @param code Alpaca's eight-digit error code
 */
public record Refusal(int status, long code, String message) {

    public static final long INVALID = 40010001L;
    public static final long FORBIDDEN = 40310000L;
    public static final long NOT_FOUND = 40410000L;
    public static final long UNPROCESSABLE = 42210000L;

    public Refusal {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a refusal needs a message");
        }
    }

    static Refusal invalid(String message) {
        return new Refusal(422, INVALID, message);
    }

    static Refusal forbidden(String message) {
        return new Refusal(403, FORBIDDEN, message);
    }

    static Refusal notFound(String message) {
        return new Refusal(404, NOT_FOUND, message);
    }

    static Refusal notCancelable(String message) {
        return new Refusal(422, UNPROCESSABLE, message);
    }
}
