package dev.tradingcore.application.audit;

/**
 * The audit logger took the event: it will be written unless the process dies first or the shutdown timeout
 * passes (then {@link AuditShutdownReport} counts it as unwritten).
 *
 * @param sequence how many events this logger had accepted, this one included
 */
public record AuditAccepted(long sequence) {
}
