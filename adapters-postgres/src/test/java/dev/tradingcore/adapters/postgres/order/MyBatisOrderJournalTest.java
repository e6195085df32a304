package dev.tradingcore.adapters.postgres.order;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderJournalContract;
import dev.tradingcore.domain.order.OrderRepository;
import io.vavr.collection.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class MyBatisOrderJournalTest extends OrderJournalContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static PostgresPersistence persistence() {
        return db.persistence();
    }

    @Override
    protected OrderJournal journal() {
        return persistence().orderJournal();
    }

    @Override
    protected OrderRepository orders() {
        return persistence().orders();
    }

    @Override
    protected List<AuditEvent> auditOf(OrderId orderId) {
        return persistence().auditTrail().ofOrder(orderId);
    }
}
