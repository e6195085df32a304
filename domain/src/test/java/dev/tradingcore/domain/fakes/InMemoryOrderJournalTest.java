package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderJournalContract;
import dev.tradingcore.domain.order.OrderRepository;
import io.vavr.collection.List;

class InMemoryOrderJournalTest extends OrderJournalContract {

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryOrderJournal journal = new InMemoryOrderJournal(orders, audit);

    @Override
    protected OrderJournal journal() {
        return journal;
    }

    @Override
    protected OrderRepository orders() {
        return orders;
    }

    @Override
    protected List<AuditEvent> auditOf(OrderId orderId) {
        return audit.eventsOfOrder(orderId);
    }
}
