package dev.tradingcore.application.order;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.order.Order;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit lines of order changes: one vocabulary for every use case that changes an order. */
final class OrderAudit {

    static final String COMPONENT = "execution";

    private OrderAudit() {}

    /**
     * The order's facts, then the extras (name, value, ...) in their order. Built as one list and turned into the
     * persistent map once: two of these are written per order submitted, and building the map in steps (the order's
     * facts, then a put, then a second map of the extras merged in) was most of their cost in the bench's profile.
     */
    static AuditEvent of(Instant at, String action, AuditSeverity severity, Order order, String... extra) {
        if (extra.length % 2 != 0) {
            throw new IllegalArgumentException("audit details come in name/value pairs");
        }
        List<Tuple2<String, String>> details = new ArrayList<>(8 + extra.length / 2);
        details.add(Tuple.of("order_id", order.orderId().value()));
        details.add(Tuple.of("client_order_id", order.clientOrderId().value()));
        details.add(Tuple.of("symbol", order.symbol().value()));
        details.add(Tuple.of("side", order.side().code()));
        details.add(Tuple.of("quantity", order.quantity().toString()));
        details.add(Tuple.of("order_type", order.orderType().code()));
        details.add(Tuple.of("status", order.status().code()));
        if (order.brokerOrderId().isDefined()) {
            details.add(Tuple.of("broker_order_id", order.brokerOrderId().get().value()));
        }
        int facts = details.size();
        for (int i = 0; i < extra.length; i += 2) {
            String name = extra[i];
            if (indexOf(details, name, 0, facts) >= 0) {
                continue; // an extra does not replace the order's own fact
            }
            int earlier = indexOf(details, name, facts, details.size());
            if (earlier >= 0) {
                // Named twice among the extras: the later value, in the first one's place.
                details.set(earlier, Tuple.of(name, extra[i + 1]));
                continue;
            }
            details.add(Tuple.of(name, extra[i + 1]));
        }
        return AuditEvent.of(at, COMPONENT, action, severity, LinkedHashMap.ofEntries(details));
    }

    private static int indexOf(List<Tuple2<String, String>> details, String name, int from, int to) {
        for (int i = from; i < to; i++) {
            if (details.get(i)._1.equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
