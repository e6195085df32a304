package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.audit.AuditLogContract;
import dev.tradingcore.domain.common.OrderId;
import io.vavr.collection.List;

class InMemoryAuditLogTest extends AuditLogContract {

    private final InMemoryAuditLog log = new InMemoryAuditLog();

    @Override
    protected AuditLog log() {
        return log;
    }

    @Override
    protected List<AuditEvent> eventsOfOrder(OrderId orderId) {
        return log.eventsOfOrder(orderId);
    }
}
