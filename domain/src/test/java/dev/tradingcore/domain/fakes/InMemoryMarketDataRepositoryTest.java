package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.marketdata.MarketDataRepository;
import dev.tradingcore.domain.marketdata.MarketDataRepositoryContract;

class InMemoryMarketDataRepositoryTest extends MarketDataRepositoryContract {

    private final InMemoryMarketDataRepository repository = new InMemoryMarketDataRepository();

    @Override
    protected MarketDataRepository repository() {
        return repository;
    }
}
