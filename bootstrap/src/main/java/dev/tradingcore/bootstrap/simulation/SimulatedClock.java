package dev.tradingcore.bootstrap.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The session's time: it moves only when the session moves it, so that a seed replays the same instants. */
final class SimulatedClock extends Clock {

    private Instant now;

    SimulatedClock(Instant start) {
        this.now = start;
    }

    void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + by);
        }
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
