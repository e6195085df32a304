package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeRepository;
import dev.tradingcore.domain.trade.TradeRepositoryContract;

class InMemoryTradeRepositoryTest extends TradeRepositoryContract {

    private final InMemoryTradeRepository repository = new InMemoryTradeRepository();
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();

    @Override
    protected TradeRepository repository() {
        return repository;
    }

    @Override
    protected OrderRepository orders() {
        return orders;
    }

    @Override
    protected boolean record(Trade trade) {
        return repository.record(trade);
    }
}
