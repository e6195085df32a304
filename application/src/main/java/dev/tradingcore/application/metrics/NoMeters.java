package dev.tradingcore.application.metrics;

import dev.tradingcore.application.port.out.Meters;
import java.util.Map;
import java.util.function.DoubleSupplier;

/** Measurements that go nowhere: for a core started without a registry (tests, tools that only read). */
public final class NoMeters implements Meters {

    private static final Timer NO_TIMER = nanos -> { };
    private static final Counter NO_COUNTER = () -> { };

    @Override
    public Timer timer(String name, String help, Map<String, String> tags) {
        return NO_TIMER;
    }

    @Override
    public Counter counter(String name, String help, Map<String, String> tags) {
        return NO_COUNTER;
    }

    @Override
    public void counting(String name, String help, Map<String, String> tags, DoubleSupplier total) {
        // nothing is read
    }

    @Override
    public void gauge(String name, String help, String unit, Map<String, String> tags, DoubleSupplier value) {
        // nothing is read
    }
}
