package dev.tradingcore.application.audit;

/** Why the audit logger did not take an event. The caller still holds the event and decides what to do with it. */
public enum AuditRefusal {
    /** The queue stayed full for the whole offer wait: the writer is behind (slow or failing database). */
    QUEUE_FULL,
    /** The logger is closed or closing: it takes nothing new. */
    CLOSED,
    /** The calling thread was interrupted while waiting for room; its interrupt flag is set again. */
    INTERRUPTED
}
