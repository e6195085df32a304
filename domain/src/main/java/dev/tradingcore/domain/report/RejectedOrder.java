package dev.tradingcore.domain.report;

import java.math.BigDecimal;
import java.time.Instant;

/** An order of the day that the broker or the core rejected, with the reason it was given. */
public record RejectedOrder(String orderId, String symbol, String side, BigDecimal quantity, Instant submittedAt,
        String reason) {
}
