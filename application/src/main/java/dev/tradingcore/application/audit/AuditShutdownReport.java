package dev.tradingcore.application.audit;

import dev.tradingcore.domain.audit.AuditEvent;
import io.vavr.collection.List;

/**
 * What {@link AsyncAuditLogger#close} achieved.
 *
 * @param written events written over the logger's whole life
 * @param unwritten accepted events that could not be written before the shutdown timeout, in order; at most the
 *     queue's capacity plus one batch. Empty after a clean shutdown.
 * @param writerStopped false if the writer thread was still stuck in the audit log when close gave up (it was
 *     interrupted; the events it held are among {@code unwritten}, though the database may still commit them)
 */
public record AuditShutdownReport(long written, List<AuditEvent> unwritten, boolean writerStopped) {

    /** Everything accepted was written and the writer thread is gone. */
    public boolean clean() {
        return unwritten.isEmpty() && writerStopped;
    }
}
