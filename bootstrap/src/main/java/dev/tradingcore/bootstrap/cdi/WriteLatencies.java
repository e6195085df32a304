package dev.tradingcore.bootstrap.cdi;

import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.health.LatencyWindow;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of the core's writes, for the run summary and for monitoring: the fill transaction (journal and cache)
 * and order submission (database, broker, database). Microseconds, up to a minute, three significant digits.
 */
public final class WriteLatencies {

    private final ConcurrentHistogram fills = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final ConcurrentHistogram submits = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
    /** The fills since the monitor last looked: {@link #fillsSinceLastInterval()} swaps it for an empty one. */
    private final Recorder fillInterval = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);

    /**
     * {@code applyFill} with each call timed. A round's fills go on as one call (the journal books them as one batch)
     * and each is recorded with the time the round took: that is how long each of them waited for its commit.
     */
    ApplyFill timing(ApplyFill applyFill) {
        return new ApplyFill() {
            @Override
            public FillOutcome apply(dev.tradingcore.domain.trade.Trade trade) {
                long started = System.nanoTime();
                FillOutcome outcome = applyFill.apply(trade);
                fillTook(System.nanoTime() - started);
                return outcome;
            }

            @Override
            public java.util.List<io.vavr.control.Try<FillOutcome>> applyAll(
                    java.util.List<dev.tradingcore.domain.trade.Trade> trades) {
                long started = System.nanoTime();
                java.util.List<io.vavr.control.Try<FillOutcome>> outcomes = applyFill.applyAll(trades);
                long took = System.nanoTime() - started;
                outcomes.forEach(outcome -> fillTook(took));
                return outcomes;
            }
        };
    }

    /** Records one submission that started at {@code startedNanos} ({@link System#nanoTime()}). */
    public void submitted(long startedNanos) {
        record(submits, startedNanos);
    }

    /** Records one fill transaction that took {@code nanos}. */
    public void fillTook(long nanos) {
        long micros = Math.min(Math.max(TimeUnit.NANOSECONDS.toMicros(nanos), 0), fills.getHighestTrackableValue());
        fills.recordValue(micros);
        fillInterval.recordValue(micros);
    }

    /**
     * The fill transactions recorded since the previous call (since start for the first): how many and their 99th
     * percentile. Each call starts a new interval, so there is one reader: the health monitor.
     */
    public LatencyWindow fillsSinceLastInterval() {
        Histogram h = fillInterval.getIntervalHistogram();
        return new LatencyWindow(h.getTotalCount(), java.time.Duration.ofNanos(
                TimeUnit.MICROSECONDS.toNanos(h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99))),
                java.time.Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(h.getMaxValue())));
    }

    private static void record(ConcurrentHistogram histogram, long startedNanos) {
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startedNanos);
        histogram.recordValue(Math.min(Math.max(micros, 0), histogram.getHighestTrackableValue()));
    }

    /** "n=120 p50=1.83 ms p95=3.10 ms p99=4.96 ms max=7.21 ms" of the fill transactions. */
    public String describeFills() {
        return describe(fills.copy());
    }

    /** The same of order submissions. */
    public String describeSubmits() {
        return describe(submits.copy());
    }

    private static String describe(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "none";
        }
        return String.format(java.util.Locale.ROOT, "n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms",
                h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
