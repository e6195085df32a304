package dev.tradingcore.adapters.postgres.json;

/**
 * A JSON document read from the database does not have the shape its reader expects: not JSON, a missing or unknown
 * field, a string where a number belongs, a number with more places than its amount allows. The message names where
 * the document came from (table and key or column). Never answered with a default: a risk limit read as "none" or a
 * trading switch read as "on" because its row was garbled would be worse than stopping.
 */
public final class MalformedStoredJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedStoredJsonException(String message) {
        super(message);
    }

    public MalformedStoredJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
