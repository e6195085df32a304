package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.risk.RiskInputs;
import java.time.Instant;

/** {@link RiskInputs} read from the in-memory positions and snapshots. */
public final class InMemoryRiskInputs implements RiskInputs {

    private final InMemoryPositionRepository positions;
    private final InMemoryRiskSnapshotRepository snapshots;

    public InMemoryRiskInputs(InMemoryPositionRepository positions, InMemoryRiskSnapshotRepository snapshots) {
        this.positions = positions;
        this.snapshots = snapshots;
    }

    @Override
    public Portfolio read(Instant historySince) {
        return new Portfolio(positions.findAll(), snapshots.between(historySince, Instant.MAX));
    }
}
