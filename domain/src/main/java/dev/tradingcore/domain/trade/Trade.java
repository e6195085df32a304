package dev.tradingcore.domain.trade;

import dev.tradingcore.domain.common.Decimals;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Side;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution of one of our orders, as recorded in the trades table: the broker's trade id, our order, what
 * was bought or sold, at what price, when, for what commission and with which liquidity.
 *
 * @param timestamp when the exchange executed it (not when we heard of it)
 * @param commission in account currency, 8 decimal places, never negative
 */
public record Trade(
        TradeId tradeId,
        OrderId orderId,
        Symbol symbol,
        Side side,
        Quantity quantity,
        Price price,
        Instant timestamp,
        BigDecimal commission,
        Option<Liquidity> liquidity) {

    public Trade {
        if (tradeId == null || orderId == null || symbol == null || side == null || quantity == null
                || price == null || timestamp == null || liquidity == null) {
            throw new IllegalArgumentException("a trade needs its trade id, order id, symbol, side, quantity, price, "
                    + "time and liquidity (which may be none)");
        }
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("trade " + tradeId + " is for zero shares");
        }
        commission = Decimals.exact(commission, Decimals.QUANTITY_SCALE, "commission");
        if (commission.signum() < 0) {
            throw new IllegalArgumentException("trade " + tradeId + " has a negative commission");
        }
    }

    /** What the position needs of this trade. */
    public Fill fill() {
        return new Fill(side, quantity, price, commission);
    }

    /** Quantity times price, exact. */
    public BigDecimal notional() {
        return price.times(quantity);
    }

    /** The {@code trade_value} column: quantity times price rounded half-even to cents. */
    public Money tradeValue() {
        return Money.rounded(notional());
    }
}
