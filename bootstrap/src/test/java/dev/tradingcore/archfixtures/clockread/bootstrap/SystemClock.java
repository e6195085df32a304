package dev.tradingcore.archfixtures.clockread.bootstrap;

import java.time.Clock;
import java.time.Instant;

/** Spared: bootstrap is where the system clock is picked. */
public final class SystemClock {
    public Clock clock() {
        return Clock.systemUTC();
    }

    public Instant startedAt() {
        return Instant.now();
    }
}
