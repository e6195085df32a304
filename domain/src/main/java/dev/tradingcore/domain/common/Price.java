package dev.tradingcore.domain.common;

import java.math.BigDecimal;

/**
 * A strictly positive price per share at the schema's 8 decimal places: a limit, a stop, a fill price,
 * an average price or a mark.
 */
public record Price(BigDecimal value) implements Comparable<Price> {

    public Price {
        value = Decimals.exact(value, Decimals.PRICE_SCALE, "price");
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("price " + value.toPlainString() + " must be greater than zero");
        }
    }

    public static Price of(String value) {
        return new Price(new BigDecimal(value));
    }

    public static Price of(BigDecimal value) {
        return new Price(value);
    }

    /** The exact notional of {@code quantity} at this price, at {@link Decimals#AMOUNT_SCALE} places. */
    public BigDecimal times(Quantity quantity) {
        return value.multiply(quantity.value());
    }

    @Override
    public int compareTo(Price other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.stripTrailingZeros().toPlainString();
    }
}
