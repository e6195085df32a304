package dev.tradingcore.domain.audit;

import io.vavr.collection.List;

/** The append-only audit trail. Nothing is ever updated or deleted through it. */
public interface AuditLog {

    void append(AuditEvent event);

    /** Appends all of them in one transaction, in order. */
    void appendAll(List<AuditEvent> events);

    /**
     * Appends all of them in one transaction, in order, unless a batch with this id was appended before: a retry of a
     * write whose COMMIT answer was lost then writes nothing. Ids are remembered at least a day.
     *
     * @return whether the batch was written now (false: it had been)
     */
    boolean appendBatch(String batchId, List<AuditEvent> events);
}
