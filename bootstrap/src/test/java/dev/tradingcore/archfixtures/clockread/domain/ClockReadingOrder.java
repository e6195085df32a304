package dev.tradingcore.archfixtures.clockread.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;

/** Violates noClockReadsOutsideBootstrap: every way of reading the system clock, one per method. */
public final class ClockReadingOrder {
    Object instant() {
        return Instant.now();
    }

    Object localDateTime() {
        return LocalDateTime.now();
    }

    Object localDate() {
        return LocalDate.now();
    }

    Object localDateInZone() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    Object offsetDateTime() {
        return OffsetDateTime.now();
    }

    Object zonedDateTime() {
        return ZonedDateTime.now();
    }

    long millis() {
        return System.currentTimeMillis();
    }

    Object utcClock() {
        return Clock.systemUTC();
    }

    Object defaultZoneClock() {
        return Clock.systemDefaultZone();
    }

    Object instantSource() {
        return InstantSource.system();
    }

    Object date() {
        return new Date();
    }
}
