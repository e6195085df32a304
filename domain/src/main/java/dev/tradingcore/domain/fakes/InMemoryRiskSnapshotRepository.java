package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.common.Decimals;
import dev.tradingcore.domain.risk.RiskSnapshot;
import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.TreeMap;

/**
 * A {@link RiskSnapshotRepository} in a sorted map, for use-case tests; it passes the same contract as PostgreSQL
 * (first snapshot of an instant wins; drawdown and largest position percent must fit 4 places). Thread-safe.
 */
public final class InMemoryRiskSnapshotRepository implements RiskSnapshotRepository {

    private final TreeMap<Instant, RiskSnapshot> snapshots = new TreeMap<>();

    @Override
    public synchronized void save(RiskSnapshot snapshot) {
        snapshot.maxDrawdown().forEach(v -> Decimals.exact(v, 4, "max drawdown"));
        snapshot.largestPositionPct().forEach(v -> Decimals.exact(v, 4, "largest position percent"));
        snapshots.putIfAbsent(snapshot.timestamp(), snapshot);
    }

    @Override
    public synchronized Option<RiskSnapshot> latest() {
        return snapshots.isEmpty() ? Option.none() : Option.some(snapshots.lastEntry().getValue());
    }

    @Override
    public synchronized List<RiskSnapshot> between(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.empty();
        }
        return List.ofAll(snapshots.subMap(from, true, to, false).values());
    }
}
