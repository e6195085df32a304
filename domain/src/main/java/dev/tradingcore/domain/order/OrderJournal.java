package dev.tradingcore.domain.order;

import dev.tradingcore.domain.audit.AuditEvent;

/**
 * Records a change of an order together with the audit line that explains it, in one transaction: the audit trail
 * never says something happened to an order that the orders table does not show, nor the other way round.
 * (Fills go through the fill journal, which does the same for trade, position and order.)
 */
public interface OrderJournal {

    /** Inserts or replaces the order and appends the audit event, atomically. */
    void record(Order order, AuditEvent audit);
}
