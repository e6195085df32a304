package dev.tradingcore.domain.state;

import dev.tradingcore.domain.common.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The account's equity when the trading day began (system state key {@code start_of_day}): the figure today's P&amp;L
 * is measured from, kept so that a restart in the middle of the day does not start the day's loss again from zero.
 *
 * @param day the trading day, a date in {@code zone}
 * @param zone the zone whose midnight starts the trading day
 * @param equity cash plus the market value of every position, when the day's first figure was taken
 * @param takenAt when it was taken
 * @param haltedAt when the daily loss limit turned trading off this day, if it did: it does so once a day, so that a
 *     person who turns trading back on (to cut positions) is not overruled at the next price, restarts included
 */
public record StartOfDay(LocalDate day, ZoneId zone, Money equity, Instant takenAt,
        io.vavr.control.Option<Instant> haltedAt) {

    /** A day's figure before any halt. */
    public StartOfDay(LocalDate day, ZoneId zone, Money equity, Instant takenAt) {
        this(day, zone, equity, takenAt, io.vavr.control.Option.none());
    }

    /** The same day, halted at {@code at}. */
    public StartOfDay haltedAt(Instant at) {
        return new StartOfDay(day, zone, equity, takenAt, io.vavr.control.Option.some(at));
    }

    public StartOfDay {
        if (day == null || zone == null || equity == null || takenAt == null || haltedAt == null) {
            throw new IllegalArgumentException("a start-of-day figure needs its day, zone, equity and time");
        }
    }

    /** Whether this is the figure of the trading day that {@code at} falls in, in {@code inZone}. */
    public boolean isOfDay(Instant at, ZoneId inZone) {
        return zone.equals(inZone) && day.equals(LocalDate.ofInstant(at, inZone));
    }
}
