package dev.tradingcore.domain.common;

import java.math.BigDecimal;

/**
 * An unsigned number of shares (or coins) at the schema's 8 decimal places: an order's size, a fill's size,
 * an order's filled quantity. Never negative; direction is carried by {@link dev.tradingcore.domain.common.Side},
 * never by a sign. A position's signed quantity is a plain decimal on the position itself.
 */
public record Quantity(BigDecimal value) implements Comparable<Quantity> {

    public static final Quantity ZERO = new Quantity(BigDecimal.ZERO);

    public Quantity {
        value = Decimals.exact(value, Decimals.QUANTITY_SCALE, "quantity");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("quantity " + value.stripTrailingZeros().toPlainString() + " is negative; "
                    + "give the size as a positive number and the direction as buy or sell");
        }
    }

    public static Quantity of(String value) {
        return new Quantity(new BigDecimal(value));
    }

    public static Quantity of(long value) {
        return new Quantity(BigDecimal.valueOf(value));
    }

    public static Quantity of(BigDecimal value) {
        return new Quantity(value);
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    public boolean isPositive() {
        return value.signum() > 0;
    }

    public Quantity plus(Quantity other) {
        return new Quantity(value.add(other.value));
    }

    /** The difference, which must not be negative. */
    public Quantity minus(Quantity other) {
        return new Quantity(value.subtract(other.value));
    }

    public Quantity min(Quantity other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public boolean isGreaterThan(Quantity other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.stripTrailingZeros().toPlainString();
    }
}
