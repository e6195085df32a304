package dev.tradingcore.domain.report;

import java.math.BigDecimal;
import java.time.Instant;

/** A fill executed during the day, as stored. */
public record DayFill(String tradeId, String orderId, String symbol, String side, BigDecimal quantity,
        BigDecimal price, BigDecimal commission, Instant executedAt) {

    public BigDecimal notional() {
        return quantity.multiply(price);
    }
}
