package dev.tradingcore.domain.audit;

import io.vavr.collection.List;

/** The append-only audit trail. Nothing is ever updated or deleted through it. */
public interface AuditLog {

    void append(AuditEvent event);

    /** Appends all of them in one transaction, in order. */
    void appendAll(List<AuditEvent> events);
}
