package dev.tradingcore.bootstrap.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the result table: the project's path and the plain-JDBC baseline in one case, with what else was
 * observed (partitions scanned, index used, peak heap...).
 *
 * @param scenario the scenario number and name, e.g. {@code 1 fill}
 * @param label the case, e.g. {@code 4 writers}
 * @param unit what the rate counts, e.g. {@code fills/s}
 * @param baseline {@code null} when the case has no baseline (a cache read, a floor)
 */
record BenchRow(String scenario, String label, String unit, Measurement project, Measurement baseline,
        Map<String, String> notes) {

    BenchRow {
        notes = new LinkedHashMap<>(notes);
    }

    static BenchRow of(String scenario, String label, String unit, Measurement project, Measurement baseline) {
        return new BenchRow(scenario, label, unit, project, baseline, Map.of());
    }

    BenchRow note(String key, String value) {
        notes.put(key, value);
        return this;
    }

    /** Project rate over baseline rate (higher is better), or NaN. */
    double rateRatio() {
        if (baseline == null || !project.hasRate() || !baseline.hasRate() || baseline.rate() == 0) {
            return Double.NaN;
        }
        return project.rate() / baseline.rate();
    }

    /** Project p99 over baseline p99 (lower is better), or NaN. */
    double p99Ratio() {
        if (baseline == null || !project.hasLatency() || !baseline.hasLatency() || baseline.latency().p99() == 0) {
            return Double.NaN;
        }
        return project.latency().p99() / baseline.latency().p99();
    }
}
