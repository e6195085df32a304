package dev.tradingcore.adapters.metrics;

import dev.tradingcore.application.port.out.Meters;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The application's meters in a Micrometer registry. Timers are histograms with fixed buckets from 50 µs to 10 s
 * (Micrometer's percentile histogram starts at 1 ms, below which every commit of ours would sit in one bucket), in
 * seconds, the base unit; counters end in {@code _total} in Prometheus' format, gauges carry their unit.
 */
public final class MicrometerMeters implements Meters {

    /** The timers' bucket bounds: 50 µs up to 10 s, roughly 1-2.5-5 per decade. */
    public static final Duration[] BUCKETS = {
        Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;

    public MicrometerMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    private static Tags tags(Map<String, String> tags) {
        Tags result = Tags.empty();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            result = result.and(tag.getKey(), tag.getValue());
        }
        return result;
    }

    @Override
    public Meters.Timer timer(String name, String help, Map<String, String> tags) {
        io.micrometer.core.instrument.Timer timer = io.micrometer.core.instrument.Timer.builder(name).description(help).tags(tags(tags)).serviceLevelObjectives(BUCKETS)
                .minimumExpectedValue(BUCKETS[0]).maximumExpectedValue(BUCKETS[BUCKETS.length - 1])
                .register(registry);
        return nanos -> timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public Meters.Counter counter(String name, String help, Map<String, String> tags) {
        io.micrometer.core.instrument.Counter counter = io.micrometer.core.instrument.Counter.builder(name).description(help).tags(tags(tags)).register(registry);
        return counter::increment;
    }

    @Override
    public void counting(String name, String help, Map<String, String> tags, DoubleSupplier total) {
        FunctionCounter.builder(name, total, DoubleSupplier::getAsDouble).description(help).tags(tags(tags))
                .register(registry);
    }

    @Override
    public void gauge(String name, String help, String unit, Map<String, String> tags, DoubleSupplier value) {
        Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(help).tags(tags(tags))
                .baseUnit(unit.isEmpty() ? null : unit).strongReference(true).register(registry);
    }
}
