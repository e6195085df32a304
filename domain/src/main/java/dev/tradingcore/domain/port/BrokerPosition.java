package dev.tradingcore.domain.port;

import dev.tradingcore.domain.common.Decimals;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import io.vavr.control.Option;
import java.math.BigDecimal;

/**
 * A position as the broker reports it.
 *
 * @param quantity signed, 8 places: positive long, negative short
 * @param averageEntryPrice the broker's average entry price; required unless the position is flat
 */
public record BrokerPosition(Symbol symbol, BigDecimal quantity, Option<Price> averageEntryPrice) {

    public BrokerPosition {
        if (symbol == null || averageEntryPrice == null) {
            throw new IllegalArgumentException("a broker position needs a symbol and an optional average price");
        }
        quantity = Decimals.exact(quantity, Decimals.QUANTITY_SCALE, "broker position quantity");
        if (quantity.signum() != 0 && averageEntryPrice.isEmpty()) {
            throw new IllegalArgumentException("broker position " + symbol + " of " + quantity.toPlainString()
                    + " needs an average entry price");
        }
    }

    public static BrokerPosition of(String symbol, String quantity, String averageEntryPrice) {
        return new BrokerPosition(Symbol.of(symbol), new BigDecimal(quantity), Option.of(averageEntryPrice)
                .map(Price::of));
    }
}
