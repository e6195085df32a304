package dev.tradingcore.bootstrap.bench;

/** Latency percentiles of one path, in microseconds. */
record Percentiles(long count, double p50, double p95, double p99, double p999, double max, double mean) {}
