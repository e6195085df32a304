package dev.tradingcore.adapters.postgres.audit;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.OrderId;
import io.vavr.collection.List;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * Reads of the audit trail. The domain has no read port for it yet; queries and tests use this class until one
 * exists.
 */
public final class AuditTrail {

    private final SqlSessionFactory sessions;

    AuditTrail(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * The audit events whose details name the order ({@code "order_id"}), oldest first, in the order they were
     * appended when their times are equal.
     */
    public List<AuditEvent> ofOrder(OrderId orderId) {
        try (SqlSession session = sessions.openSession(true)) {
            return List.ofAll(session.getMapper(AuditMapper.class).findByOrderId(orderId.value()))
                    .map(AuditRow::toEvent);
        }
    }
}
