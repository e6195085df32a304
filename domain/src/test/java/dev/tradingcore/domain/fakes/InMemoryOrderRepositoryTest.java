package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderRepositoryContract;

class InMemoryOrderRepositoryTest extends OrderRepositoryContract {

    private final InMemoryOrderRepository repository = new InMemoryOrderRepository();

    @Override
    protected OrderRepository repository() {
        return repository;
    }
}
