package dev.tradingcore.archfixtures.floatingpoint.domain.position;

import io.vavr.collection.List;
import java.math.BigDecimal;

/** Spared: exact numbers; a double local variable is not a field. */
public record ExactPosition(BigDecimal averagePrice, long quantity, List<BigDecimal> fills) {
    public boolean roughlyFlat() {
        double approx = averagePrice.doubleValue() * quantity;
        return Math.abs(approx) < 1;
    }
}
