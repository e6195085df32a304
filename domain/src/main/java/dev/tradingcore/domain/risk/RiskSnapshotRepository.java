package dev.tradingcore.domain.risk;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;

/** Where periodic risk snapshots are kept; append only, one per timestamp. */
public interface RiskSnapshotRepository {

    /** Saves the snapshot; saving a second snapshot with the same timestamp replaces nothing and is ignored. */
    void save(RiskSnapshot snapshot);

    Option<RiskSnapshot> latest();

    /** Snapshots taken in {@code [from, to)}, oldest first. */
    List<RiskSnapshot> between(Instant from, Instant to);
}
