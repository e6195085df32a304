package dev.tradingcore.domain.common;

import java.util.regex.Pattern;

/**
 * A tradable instrument's ticker as the broker spells it, e.g. {@code AAPL}, {@code BRK.B} or {@code BTC/USD}.
 *
 * <p>Upper case letters and digits, with {@code .}, {@code /} or {@code -} inside, at most 20 characters (the
 * column is VARCHAR(20)). No case folding: {@code aapl} is rejected so that two spellings never become two
 * positions.
 */
public record Symbol(String value) implements Comparable<Symbol> {

    private static final Pattern TICKER = Pattern.compile("[A-Z0-9]([A-Z0-9./-]{0,18}[A-Z0-9])?");

    public Symbol {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a symbol is required, e.g. AAPL");
        }
        if (!TICKER.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a valid symbol: use upper case letters and "
                    + "digits, optionally with . / or - inside, at most 20 characters (e.g. AAPL, BRK.B, BTC/USD)");
        }
    }

    public static Symbol of(String value) {
        return new Symbol(value);
    }

    @Override
    public int compareTo(Symbol other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
