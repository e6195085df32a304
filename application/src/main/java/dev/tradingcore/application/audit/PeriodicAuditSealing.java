package dev.tradingcore.application.audit;

import dev.tradingcore.domain.audit.seal.AuditDigest;
import dev.tradingcore.domain.audit.seal.AuditSealer;
import dev.tradingcore.domain.audit.seal.SealedBlock;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import io.vavr.collection.LinkedHashMap;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seals the audit log while the core runs: a round every interval (a few seconds) on its own thread, so that no
 * trading thread ever waits on it, and one last round at close, after the audit logger has flushed. Optionally, on
 * its own schedule, sends the newest digest (block number and hash) to the alert sinks, so that a copy lives
 * outside the database (a mailbox, a chat, a pager's log).
 *
 * <p>A failed round (database away) is counted and the next tries again: nothing is lost, rows wait in the log.
 */
public final class PeriodicAuditSealing implements AutoCloseable {

    private final AuditSealer sealer;
    private final AlertSink alerts;
    private final Clock clock;
    private final Duration interval;
    private final Optional<Duration> digestInterval;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean started;

    /**
     * @param digestInterval how often the newest digest goes to the alert sinks; empty: never
     */
    public PeriodicAuditSealing(AuditSealer sealer, AlertSink alerts, Clock clock, Duration interval,
            Optional<Duration> digestInterval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the audit sealing interval must be positive, got " + interval);
        }
        digestInterval.filter(d -> d.isNegative() || d.isZero()).ifPresent(d -> {
            throw new IllegalArgumentException("the audit digest interval must be positive, got " + d);
        });
        this.sealer = sealer;
        this.alerts = alerts;
        this.clock = clock;
        this.interval = interval;
        this.digestInterval = digestInterval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-sealer");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        started = true;
        scheduler.scheduleWithFixedDelay(this::seal, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        digestInterval.ifPresent(every -> scheduler.scheduleWithFixedDelay(this::sendDigest, every.toMillis(),
                every.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** One round: seals what is pending (a backlog in several bounded rounds). Public for tests and the CLI. */
    public void seal() {
        try {
            for (int round = 0; round < 100; round++) {
                List<SealedBlock> sealed = sealer.sealPending();
                if (sealed.isEmpty()) {
                    return;
                }
                blocks.addAndGet(sealed.size());
                sealed.forEach(b -> rows.addAndGet(b.rowCount()));
            }
        } catch (RuntimeException failure) {
            // Database away or a bug: a scheduled task that throws is never run again, so count it and go on.
            failed.incrementAndGet();
        }
    }

    /** Sends the newest digest to the alert sinks (INFO); nothing before the first block. */
    public void sendDigest() {
        try {
            Optional<AuditDigest> digest = sealer.newestDigest();
            digest.ifPresent(d -> alerts.send(new Alert(AlertSeverity.INFO, "Audit digest",
                    "Newest sealed audit block " + d.blockNumber() + ", hash " + d.hash() + ". Keep it: `trading-core"
                            + " audit verify --digest " + d + "` proves the log still holds everything up to it.",
                    clock.instant(), LinkedHashMap.of("digest", d.toString()))));
        } catch (RuntimeException failure) {
            failed.incrementAndGet();
        }
    }

    public long blocksSealed() {
        return blocks.get();
    }

    public long rowsSealed() {
        return rows.get();
    }

    public long roundsFailed() {
        return failed.get();
    }

    /**
     * Stops the schedule, then, if it was started, seals what the log holds now: call after the audit logger has
     * flushed. (A core run without its background jobs, as tests drive it, seals only when told.)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (started) {
            seal();
        }
    }
}
