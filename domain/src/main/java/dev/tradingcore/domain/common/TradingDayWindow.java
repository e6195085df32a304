package dev.tradingcore.domain.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One trading day: from midnight to midnight in the zone the trading day follows (the exchange's, by default New
 * York's), so that a session after 20:00 in New York belongs to its own day, not to the next UTC day.
 */
public record TradingDayWindow(LocalDate date, ZoneId zone) {

    public TradingDayWindow {
        if (date == null || zone == null) {
            throw new IllegalArgumentException("a trading day needs a date and a zone");
        }
    }

    /** The trading day that {@code at} falls in. */
    public static TradingDayWindow containing(Instant at, ZoneId zone) {
        return new TradingDayWindow(LocalDate.ofInstant(at, zone), zone);
    }

    /** The day's first instant (inclusive). */
    public Instant start() {
        return date.atStartOfDay(zone).toInstant();
    }

    /** The next day's first instant (exclusive). */
    public Instant end() {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
