package dev.tradingcore.bootstrap.run;

import dev.tradingcore.domain.common.Symbol;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How an instrument's prices are quoted, for printing them at its precision: an average cost of 192.14574324 is shown
 * as the market would quote it, 192.15. US equities trade in cents at and above one dollar and in hundredths of a
 * cent below (Reg NMS rule 612, which Alpaca follows); a crypto pair ({@code BTC/USD}) is quoted to as many places as
 * its price needs, at most 8.
 */
public final class Instruments {

    /** Rounding of a price for display: to the nearest tick, halves away from zero, as a person rounds. */
    public static final RoundingMode DISPLAY_ROUNDING = RoundingMode.HALF_UP;

    private Instruments() {}

    /** The number of decimal places {@code symbol} is quoted in at {@code price}. */
    public static int priceScale(Symbol symbol, BigDecimal price) {
        if (symbol.value().contains("/")) {
            return Math.max(2, Math.min(8, price.stripTrailingZeros().scale()));
        }
        return price.abs().compareTo(BigDecimal.ONE) >= 0 ? 2 : 4;
    }

    /** {@code price} as {@code symbol} is quoted, e.g. {@code 192.15} or {@code 0.4512}. */
    public static String price(Symbol symbol, BigDecimal price) {
        return price.setScale(priceScale(symbol, price), DISPLAY_ROUNDING).toPlainString();
    }
}
