package dev.tradingcore.archfixtures.clockread.application;

import java.time.Instant;
import java.util.function.Supplier;

/** Violates noClockReadsOutsideBootstrap: a method reference reads the clock just as well as a call. */
public final class ClockByReference {
    public Supplier<Instant> now() {
        return Instant::now;
    }
}
