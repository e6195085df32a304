package dev.tradingcore.application.audit;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.audit.AuditLogContract;
import dev.tradingcore.domain.common.OrderId;
import io.vavr.collection.List;

/** The asynchronous logger's tests stand on this fake: it must store and refuse what the real store does. */
class RecordingAuditLogTest extends AuditLogContract {

    private final RecordingAuditLog log = new RecordingAuditLog();

    @Override
    protected AuditLog log() {
        return log;
    }

    @Override
    protected List<AuditEvent> eventsOfOrder(OrderId orderId) {
        return log.eventsOfOrder(orderId);
    }
}
