package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.position.PositionRepositoryContract;

class InMemoryPositionRepositoryTest extends PositionRepositoryContract {

    private final InMemoryPositionRepository repository = new InMemoryPositionRepository();

    @Override
    protected PositionRepository repository() {
        return repository;
    }
}
