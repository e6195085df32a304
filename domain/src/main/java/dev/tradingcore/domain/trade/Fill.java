package dev.tradingcore.domain.trade;

import dev.tradingcore.domain.common.Decimals;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import java.math.BigDecimal;

/**
 * The economics of one execution, all a position needs: which way, how much, at what price, and the commission
 * paid for it (account currency, 8 places like the trades table; never negative: rebates are not modelled).
 */
public record Fill(Side side, Quantity quantity, Price price, BigDecimal commission) {

    public Fill {
        if (side == null || quantity == null || price == null) {
            throw new IllegalArgumentException("a fill needs a side, a quantity and a price");
        }
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("a fill must be for more than zero shares");
        }
        commission = Decimals.exact(commission, Decimals.QUANTITY_SCALE, "commission");
        if (commission.signum() < 0) {
            throw new IllegalArgumentException("commission " + commission.toPlainString() + " is negative");
        }
    }

    public static Fill of(Side side, String quantity, String price) {
        return new Fill(side, Quantity.of(quantity), Price.of(price), BigDecimal.ZERO);
    }

    public static Fill of(Side side, String quantity, String price, String commission) {
        return new Fill(side, Quantity.of(quantity), Price.of(price), new BigDecimal(commission));
    }

    /** Quantity times price, exact. */
    public BigDecimal notional() {
        return price.times(quantity);
    }

    /** The quantity with the side's sign: positive for a buy, negative for a sell. */
    public BigDecimal signedQuantity() {
        return side == Side.BUY ? quantity.value() : quantity.value().negate();
    }
}
