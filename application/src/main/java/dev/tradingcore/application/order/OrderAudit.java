package dev.tradingcore.application.order;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.order.Order;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import java.time.Instant;

/** The audit lines of order changes: one vocabulary for every use case that changes an order. */
final class OrderAudit {

    static final String COMPONENT = "execution";

    private OrderAudit() {}

    static AuditEvent of(Instant at, String action, AuditSeverity severity, Order order, String... extra) {
        Map<String, String> details = LinkedHashMap.of(
                "order_id", order.orderId().value(),
                "client_order_id", order.clientOrderId().value(),
                "symbol", order.symbol().value(),
                "side", order.side().code(),
                "quantity", order.quantity().toString(),
                "order_type", order.orderType().code(),
                "status", order.status().code());
        if (order.brokerOrderId().isDefined()) {
            details = details.put("broker_order_id", order.brokerOrderId().get().value());
        }
        details = details.merge(AuditEvent.details(extra));
        return AuditEvent.of(at, COMPONENT, action, severity, details);
    }
}
