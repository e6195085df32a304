package dev.tradingcore.application.port.out;

import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Where the application's measurements go: timers, counters and gauges, named and tagged by the application
 * ({@code tradingcore.fill.transaction}, tag {@code outcome}), kept and exposed by an adapter (Micrometer's Prometheus
 * registry in the core). The application decides what is measured and what each figure means; it never sees the
 * metrics library. Names are dotted, lower case and carry no unit: the adapter adds the base unit and the
 * {@code _total} of counters as its exposition format wants. Tag values are small closed sets (an outcome, an
 * endpoint, a pool): never an order, trade or symbol id.
 */
public interface Meters {

    /** A latency histogram: sub-millisecond buckets, since a fill commits in well under a millisecond. */
    Timer timer(String name, String help, Map<String, String> tags);

    /** A count of events that only grows. */
    Counter counter(String name, String help, Map<String, String> tags);

    /** A count kept elsewhere (a stats record's total), read when the metrics are read; it must never decrease. */
    void counting(String name, String help, Map<String, String> tags, DoubleSupplier total);

    /**
     * A value read when the metrics are read.
     *
     * @param unit the base unit ({@code seconds}, {@code bytes}, {@code dollars}), or empty for a plain number
     */
    void gauge(String name, String help, String unit, Map<String, String> tags, DoubleSupplier value);

    /** Records durations. */
    interface Timer {
        void record(long nanos);
    }

    /** Counts. */
    interface Counter {
        void increment();
    }
}
