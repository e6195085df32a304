package dev.tradingcore.application.health;

import dev.tradingcore.domain.port.AlertSeverity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The design's "write latency > 100 ms" (critical): the 99th percentile of the fill transactions (trade, position,
 * order and audit line in one commit, as timed by the core's {@code WriteLatencies}) recorded since the previous
 * tick. An interval without fills measures nothing and changes nothing. Once over, the latency is marginal (its
 * incident stays open) until an interval's p99 is at or under the resolve level ({@link Hysteresis}: 90 ms for
 * 100 ms).
 */
public final class WriteLatencyCheck implements HealthCheck {

    static final String KEY = "write-latency";

    private final Supplier<LatencyWindow> interval;
    private final Duration threshold;
    private final Duration resolveLevel;

    /** With the design's resolve margin ({@link Hysteresis#DESIGN}). */
    public WriteLatencyCheck(Supplier<LatencyWindow> interval, Duration threshold) {
        this(interval, threshold, Hysteresis.DESIGN);
    }

    public WriteLatencyCheck(Supplier<LatencyWindow> interval, Duration threshold, Hysteresis hysteresis) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        this.resolveLevel = hysteresis.under(threshold);
    }

    @Override
    public String name() {
        return "write-latency";
    }

    @Override
    public boolean needsDatabase() {
        return false;
    }

    @Override
    public List<Condition> check() throws NothingToMeasure {
        LatencyWindow now = interval.get();
        if (now.count() == 0) {
            throw new NothingToMeasure("no fills in the interval");
        }
        if (now.p99().compareTo(resolveLevel) <= 0) {
            return List.of();
        }
        Condition condition = Condition.of(KEY, AlertSeverity.CRITICAL,
                "Write latency above " + threshold.toMillis() + " ms",
                "The 99th percentile of the last interval's " + now.count() + " fill transactions is "
                        + now.p99().toMillis() + " ms (slowest " + now.max().toMillis() + " ms), above the "
                        + threshold.toMillis() + " ms threshold.",
                "p99_ms", Long.toString(now.p99().toMillis()), "max_ms", Long.toString(now.max().toMillis()),
                "fills", Long.toString(now.count()));
        return List.of(now.p99().compareTo(threshold) > 0 ? condition : condition.asMarginal());
    }
}
