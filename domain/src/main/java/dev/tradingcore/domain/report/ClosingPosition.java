package dev.tradingcore.domain.report;

import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A position as the day ended: its quantity and average price from the last booking before the close, valued at
 * the last price known before the close.
 *
 * @param realizedToday P&L realized by the day's closing trades (the cumulative figure at the close less the one at
 *     the day's start)
 * @param closingPrice the last price before the close, none when no price was ever seen (then the position is shown
 *     at cost, and said so)
 */
public record ClosingPosition(String symbol, BigDecimal quantity, Option<BigDecimal> averagePrice,
        Option<BigDecimal> closingPrice, Option<Instant> pricedAt, BigDecimal realizedToday,
        BigDecimal realizedTotal) {

    private static final int CENTS = 2;

    public ClosingPosition {
        if (symbol == null || quantity == null || averagePrice == null || closingPrice == null || pricedAt == null
                || realizedToday == null || realizedTotal == null) {
            throw new IllegalArgumentException("a closing position needs every field");
        }
    }

    /** The price it is valued at: the closing price, else its average price (at cost). */
    public BigDecimal valuationPrice() {
        return closingPrice.orElse(averagePrice).getOrElse(BigDecimal.ZERO);
    }

    /** Quantity x valuation price, to the cent (negative for a short). */
    public BigDecimal marketValue() {
        return quantity.multiply(valuationPrice()).setScale(CENTS, RoundingMode.HALF_EVEN);
    }

    /** (valuation price - average price) x quantity, to the cent; zero for a flat position. */
    public BigDecimal unrealizedPnl() {
        return averagePrice.map(average -> valuationPrice().subtract(average).multiply(quantity)
                .setScale(CENTS, RoundingMode.HALF_EVEN)).getOrElse(BigDecimal.ZERO.setScale(CENTS));
    }

    public boolean isOpen() {
        return quantity.signum() != 0;
    }
}
