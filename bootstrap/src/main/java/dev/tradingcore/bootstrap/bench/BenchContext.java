package dev.tradingcore.bootstrap.bench;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSink;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** What every scenario works with: the options, the bench database, the clock, and a line for progress. */
final class BenchContext {

    private final BenchOptions options;
    private final BenchDatabase database;
    private final Clock clock;
    private final PrintWriter progress;
    private final CountingAlerts alerts;
    private final DataSet dataSet;

    BenchContext(BenchOptions options, BenchDatabase database, Clock clock, PrintWriter progress,
            CountingAlerts alerts) {
        this.options = options;
        this.database = database;
        this.clock = clock;
        this.progress = progress;
        this.alerts = alerts;
        this.dataSet = new DataSet(options, clock);
    }

    BenchOptions options() {
        return options;
    }

    BenchDatabase database() {
        return database;
    }

    Clock clock() {
        return clock;
    }

    CountingAlerts alerts() {
        return alerts;
    }

    DataSet dataSet() {
        return dataSet;
    }

    private final long started = System.nanoTime();

    void progress(String format, Object... args) {
        progress.printf("bench [%4.0f s]: " + format + "%n", prepend((System.nanoTime() - started) / 1e9, args));
        progress.flush();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Alerts raised while measuring: counted (a benchmark that raises alerts is measuring a failure). */
    static final class CountingAlerts implements AlertSink {

        private final AtomicLong count = new AtomicLong();
        private volatile Alert last;

        @Override
        public void send(Alert alert) {
            count.incrementAndGet();
            last = alert;
        }

        long count() {
            return count.get();
        }

        String last() {
            Alert alert = last;
            return alert == null ? "none" : alert.title() + ": " + alert.message();
        }
    }
}
