package dev.tradingcore.bootstrap.simulation;

import java.util.EnumMap;
import java.util.Map;

/** How many faults of each kind were injected. */
final class FaultCounts {

    private final EnumMap<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);

    void add(FaultKind kind) {
        counts.merge(kind, 1L, Long::sum);
    }

    void addAll(FaultCounts other) {
        other.counts.forEach((kind, count) -> counts.merge(kind, count, Long::sum));
    }

    long of(FaultKind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<FaultKind, Long> asMap() {
        return new EnumMap<>(counts);
    }
}
