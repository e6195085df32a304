package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Symbol;
import java.math.BigDecimal;

/**
 * A position at the simulated exchange.
 *
 * @param quantity signed: positive long, negative short
 * @param averageEntryPrice the average price of the open quantity (8 places); zero when flat
 */
public record SimPosition(Symbol symbol, BigDecimal quantity, BigDecimal averageEntryPrice) {

    public SimPosition {
        if (symbol == null || quantity == null || averageEntryPrice == null) {
            throw new IllegalArgumentException("a simulated position needs a symbol, a quantity and an average price");
        }
    }

    public boolean isFlat() {
        return quantity.signum() == 0;
    }
}
