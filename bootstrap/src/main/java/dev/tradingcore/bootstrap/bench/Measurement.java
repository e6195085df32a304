package dev.tradingcore.bootstrap.bench;

/**
 * What one path achieved in one case: a rate (operations, rows or events per second; absent for pure latency
 * cases) and latency percentiles (absent for bulk cases).
 *
 * @param rate per second, or {@code NaN} when the case has no rate
 */
record Measurement(double rate, Percentiles latency) {

    static Measurement rate(double perSecond) {
        return new Measurement(perSecond, null);
    }

    static Measurement of(double perSecond, Latencies latencies) {
        return new Measurement(perSecond, latencies.percentiles());
    }

    static Measurement latency(Latencies latencies) {
        return new Measurement(Double.NaN, latencies.percentiles());
    }

    boolean hasRate() {
        return !Double.isNaN(rate);
    }

    boolean hasLatency() {
        return latency != null && latency.count() > 0;
    }
}
