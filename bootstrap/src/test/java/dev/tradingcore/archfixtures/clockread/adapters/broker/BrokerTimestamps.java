package dev.tradingcore.archfixtures.clockread.adapters.broker;

import java.time.Clock;

/** Violates noClockReadsOutsideBootstrap: adapters get the clock injected too. */
public final class BrokerTimestamps {
    private final Clock clock = Clock.systemUTC();

    public long stamp() {
        return clock.millis();
    }
}
