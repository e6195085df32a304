package dev.tradingcore.application.audit;

/**
 * A snapshot of the audit logger's counters. Every event offered ends in exactly one of: accepted
 * ({@code queued}), {@code overflowed}, {@code refusedClosed} or {@code refusedInterrupted}; every accepted event is
 * written, waiting ({@code depth}), being written ({@code inFlight}) or reported unwritten at shutdown.
 *
 * @param queued events accepted since start
 * @param written events the audit log committed
 * @param batches successful {@code appendAll} calls
 * @param failedAttempts failed {@code appendAll} calls (each is retried)
 * @param overflowed events refused because the queue stayed full
 * @param refusedClosed events refused because the logger was closed
 * @param refusedInterrupted events refused because the caller was interrupted while waiting
 * @param unwritten accepted events that shutdown could not write within its timeout
 * @param depth events waiting in the queue now, never above {@code capacity}
 * @param inFlight events in the batch being written now, never above the batch size
 * @param alertsNotSent alerts the alert sink threw on (it should not)
 * @param capacity the queue's fixed capacity
 */
public record AuditLoggerStats(
        long queued,
        long written,
        long batches,
        long failedAttempts,
        long overflowed,
        long refusedClosed,
        long refusedInterrupted,
        long unwritten,
        int depth,
        int inFlight,
        long alertsNotSent,
        int capacity) {

    /** Events offered to the logger, accepted or not. */
    public long offered() {
        return queued + overflowed + refusedClosed + refusedInterrupted;
    }
}
