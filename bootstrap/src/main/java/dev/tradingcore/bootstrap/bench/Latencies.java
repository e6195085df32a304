package dev.tradingcore.bootstrap.bench;

import org.HdrHistogram.Histogram;

/**
 * Latencies of one path (nanoseconds, three significant digits, up to a minute). Each worker thread records into
 * its own {@link Histogram} and hands it in with {@link #add}; reading is done after the workers stopped.
 */
final class Latencies {

    private static final long HIGHEST_NANOS = 60_000_000_000L;

    private final Histogram all = newHistogram();

    static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_NANOS, 3);
    }

    synchronized void add(Histogram recorded) {
        all.add(recorded);
    }

    synchronized void record(long nanos) {
        all.recordValue(Math.max(1, Math.min(nanos, HIGHEST_NANOS)));
    }

    synchronized long count() {
        return all.getTotalCount();
    }

    /** The percentiles in microseconds. */
    synchronized Percentiles percentiles() {
        return new Percentiles(all.getTotalCount(), micros(all.getValueAtPercentile(50)),
                micros(all.getValueAtPercentile(95)), micros(all.getValueAtPercentile(99)),
                micros(all.getValueAtPercentile(99.9)), micros(all.getMaxValue()), all.getMean() / 1_000.0);
    }

    private static double micros(long nanos) {
        return nanos / 1_000.0;
    }

    /** Records one value into a worker's own histogram, clamped to the histogram's range. */
    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.max(1, Math.min(nanos, HIGHEST_NANOS)));
    }
}
