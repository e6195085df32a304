package dev.tradingcore.domain.common;

/** The shared rule of order-side identifiers: present, not blank, no surrounding spaces, at most 50 characters. */
public final class Identifiers {

    public static final int MAX_LENGTH = 50;

    private Identifiers() {
    }

    public static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + what + " is required");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(what + " '" + value + "' has leading or trailing spaces");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " '" + value + "' is longer than " + MAX_LENGTH + " characters");
        }
        return value;
    }
}
