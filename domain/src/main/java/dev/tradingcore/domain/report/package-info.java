/**
 * The trading day as the post-market report shows it: what the book held at the close and what happened during the
 * day, read through {@link dev.tradingcore.domain.report.TradingDayReads}, and the figures derived from it.
 */
package dev.tradingcore.domain.report;
