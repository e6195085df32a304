package dev.tradingcore.domain.report;

import java.math.BigDecimal;
import java.time.Instant;

/** The book's value at one risk snapshot: cash plus the market value of the positions. */
public record EquityPoint(Instant at, BigDecimal portfolioValue) {
}
