package dev.tradingcore.domain.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The scales of the schema and the one place that fits a decimal to them.
 *
 * <p>Quantities and prices are stored with 8 decimal places, money with 2. A value that needs more places
 * than its column is rejected instead of rounded: silently rounding a fill of 0.123456789 shares would
 * lose a share fraction the broker will still hold.
 */
public final class Decimals {

    /** Decimal places of quantities and prices (columns of type NUMERIC(20, 8)). */
    public static final int QUANTITY_SCALE = 8;
    /** Decimal places of prices; equal to the quantity scale. */
    public static final int PRICE_SCALE = 8;
    /** Decimal places of money (columns of type NUMERIC(20, 2)). */
    public static final int MONEY_SCALE = 2;
    /**
     * Decimal places of exact amounts that are products of a quantity and a price (cost basis, realized P&amp;L):
     * 8 + 8, so such a product is always exact at this scale and never needs rounding.
     */
    public static final int AMOUNT_SCALE = QUANTITY_SCALE + PRICE_SCALE;

    private Decimals() {
    }

    /**
     * The value at exactly {@code scale} places, or an {@link IllegalArgumentException} naming {@code what}
     * when that would drop a non-zero digit.
     */
    public static BigDecimal exact(BigDecimal value, int scale, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException tooPrecise) {
            throw new IllegalArgumentException(
                    what + " " + value.toPlainString() + " has more than " + scale + " decimal places", tooPrecise);
        }
    }

    /** Whether the value fits {@code scale} places without dropping a non-zero digit. */
    public static boolean fits(BigDecimal value, int scale) {
        return value.stripTrailingZeros().scale() <= scale;
    }
}
