package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.common.OrderId;
import io.vavr.collection.List;
import java.util.ArrayList;
import java.util.Comparator;

/**
 * An {@link AuditLog} in a list, for use-case tests; it passes the same contract as PostgreSQL (which stores every
 * event that can be made: {@link AuditEvent} refuses what the table cannot hold). Thread-safe.
 */
public final class InMemoryAuditLog implements AuditLog {

    private final java.util.List<AuditEvent> events = new ArrayList<>();
    private final java.util.Set<String> batches = new java.util.HashSet<>();

    @Override
    public synchronized void append(AuditEvent event) {
        appendAll(List.of(event));
    }

    @Override
    public synchronized void appendAll(List<AuditEvent> batch) {
        batch.forEach(events::add);
    }

    @Override
    public synchronized boolean appendBatch(String batchId, List<AuditEvent> batch) {
        if (batchId == null || batchId.isBlank() || batchId.length() > 64) {
            throw new IllegalArgumentException("an audit batch needs an id of 1 to 64 characters");
        }
        if (batch.isEmpty() || batches.contains(batchId)) {
            return false;
        }
        appendAll(batch);
        batches.add(batchId);
        return true;
    }

    /** Every event appended so far, in the order appended. */
    public synchronized List<AuditEvent> events() {
        return List.ofAll(events);
    }

    /** The events whose details name the order, oldest first, then in the order appended. */
    public synchronized List<AuditEvent> eventsOfOrder(OrderId orderId) {
        java.util.List<AuditEvent> matching = new ArrayList<>();
        for (AuditEvent event : events) {
            if (event.details().get("order_id").contains(orderId.value())) {
                matching.add(event);
            }
        }
        matching.sort(Comparator.comparing(AuditEvent::timestamp)); // stable: ties keep the order appended
        return List.ofAll(matching);
    }
}
