package dev.tradingcore.archfixtures.clockread.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/** Spared: now(Clock) reads the injected clock; nanoTime measures a duration. */
public final class InjectedClockOrder {
    private final Clock clock;

    public InjectedClockOrder(Clock clock) {
        this.clock = clock;
    }

    public Instant placedAt() {
        return Instant.now(clock);
    }

    public LocalDate tradeDate() {
        return LocalDate.now(clock);
    }

    public Duration time(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
