package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import dev.tradingcore.domain.risk.RiskSnapshotRepositoryContract;

class InMemoryRiskSnapshotRepositoryTest extends RiskSnapshotRepositoryContract {

    private final InMemoryRiskSnapshotRepository repository = new InMemoryRiskSnapshotRepository();

    @Override
    protected RiskSnapshotRepository repository() {
        return repository;
    }
}
