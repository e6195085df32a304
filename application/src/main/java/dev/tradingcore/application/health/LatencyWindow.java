package dev.tradingcore.application.health;

import java.time.Duration;

/**
 * Write latencies of one monitoring interval.
 *
 * @param count writes in the interval
 * @param p99 their 99th percentile (zero when there were none), three significant digits
 * @param max the slowest
 */
public record LatencyWindow(long count, Duration p99, Duration max) {}
