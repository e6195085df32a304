package dev.tradingcore.application.audit;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Either;
import java.time.Clock;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes background audit events (reconciliation notes, breaker state changes, start and stop, risk checks) to the
 * {@link AuditLog} from one writer thread, in batches, without making the caller wait for the database.
 *
 * <p><b>Only for background events.</b> Events that belong to a business change (a fill, an order's new status) are
 * written by the use case inside that change's own transaction, never through this logger: what this logger holds in
 * memory is lost if the process is killed ({@code SIGKILL}, power loss), by nature of any in-memory queue.
 *
 * <p>What the design's unbounded fire-and-forget channel did wrong, and what this one does instead:
 * <ul>
 *   <li><b>Bounded.</b> A fixed-capacity queue; memory is at most {@code capacity} events queued plus one batch
 *       being written.</li>
 *   <li><b>Back-pressure, never a silent drop.</b> {@link #log} waits up to the offer timeout for room;
 *       {@link #tryLog} does not wait. Either returns {@code Left(QUEUE_FULL)} when there is no room: the caller
 *       still holds the event. Each refusal is counted ({@link AuditLoggerStats#overflowed()}) and reported to the
 *       {@link AlertSink}, at most once per alert interval.</li>
 *   <li><b>Batched.</b> The writer drains up to {@code maxBatch} events per {@link AuditLog#appendAll} (one
 *       transaction, one round trip). When events trickle in, it waits at most {@code linger} after the first one of
 *       a batch for others to join; under load batches fill at once.</li>
 *   <li><b>Retried in order, written once.</b> A failed write is retried, same batch, same order, with exponential
 *       backoff capped at {@code retryMaxDelay}, for as long as the logger runs; meanwhile the queue fills and callers
 *       feel the back-pressure. Failures are counted and alerted (rate-limited). Every attempt carries the batch's id
 *       ({@link AuditLog#appendBatch}): when the write that failed was the COMMIT's answer, the retry writes nothing.
 *       Whatever the audit log throws, errors included, is a failed write: the writer thread never dies of it.</li>
 *   <li><b>Flushed on shutdown.</b> {@link #close} refuses new events ({@code Left(CLOSED)}), writes everything
 *       queued, and after {@code shutdownTimeout} gives up and reports, with the events themselves, what it could
 *       not write (and raises a critical alert) instead of hiding it.</li>
 * </ul>
 *
 * <p>Use cases call {@link #log}: a short bounded wait is the back-pressure that keeps a slow database from being
 * flooded. Threads that must never wait (a market-data callback, a breaker listener) call {@link #tryLog}. Either
 * way, a {@code Left} is an answer to act on (keep the event, count it, degrade), not an exception.
 *
 * <p>The logger reads no clock for events (they carry their own time); it measures waits with
 * {@link System#nanoTime()} and reads the injected clock only to date its alerts. It owns one non-daemon thread,
 * started by {@link #start} and stopped by {@link #close}.
 */
public final class AsyncAuditLogger implements AutoCloseable {

    private static final long IDLE_WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long STOP_GRACE_MILLIS = 1_000;

    private final AuditLog auditLog;
    private final AlertSink alerts;
    private final Clock clock;
    private final AuditLoggerSettings settings;
    private final ArrayBlockingQueue<AuditEvent> queue;
    private final Thread writer;

    private final AtomicInteger producersInside = new AtomicInteger();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong overflowed = new AtomicLong();
    private final AtomicLong refusedClosed = new AtomicLong();
    private final AtomicLong refusedInterrupted = new AtomicLong();
    private final AtomicLong unwrittenCount = new AtomicLong();
    private final AtomicLong alertsNotSent = new AtomicLong();
    private final RateLimit overflowAlerts;
    private final RateLimit failureAlerts;

    /** The batch being written, for stats and for the report if the writer gets stuck in the audit log. */
    private volatile io.vavr.collection.List<AuditEvent> inFlight = io.vavr.collection.List.empty();
    private volatile long shutdownDeadline;
    private volatile boolean closed;
    /** Written by the writer thread before it ends; read by close after joining it. */
    private volatile io.vavr.collection.List<AuditEvent> abandoned = io.vavr.collection.List.empty();
    private AuditShutdownReport report;

    private AsyncAuditLogger(AuditLog auditLog, AlertSink alerts, Clock clock, AuditLoggerSettings settings) {
        if (auditLog == null || alerts == null || clock == null || settings == null) {
            throw new IllegalArgumentException("the audit logger needs an audit log, an alert sink, a clock and "
                    + "settings");
        }
        this.auditLog = auditLog;
        this.alerts = alerts;
        this.clock = clock;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.overflowAlerts = new RateLimit(settings.alertInterval().toNanos());
        this.failureAlerts = new RateLimit(settings.alertInterval().toNanos());
        this.writer = new Thread(this::writeUntilClosed, settings.threadName());
        this.writer.setDaemon(false);
    }

    /** Starts the writer thread; {@link #close} stops it. */
    public static AsyncAuditLogger start(AuditLog auditLog, AlertSink alerts, Clock clock,
            AuditLoggerSettings settings) {
        AsyncAuditLogger logger = new AsyncAuditLogger(auditLog, alerts, clock, settings);
        logger.writer.start();
        return logger;
    }

    /**
     * Queues the event, waiting up to the offer timeout for room.
     *
     * @return the acceptance, or why not: {@code QUEUE_FULL} (counted and alerted), {@code CLOSED},
     *     {@code INTERRUPTED} (the thread's interrupt flag is set again)
     */
    public Either<AuditRefusal, AuditAccepted> log(AuditEvent event) {
        return offer(event, settings.offerTimeout().toNanos());
    }

    /** Queues the event if there is room now, without waiting; otherwise as {@link #log}. */
    public Either<AuditRefusal, AuditAccepted> tryLog(AuditEvent event) {
        return offer(event, 0);
    }

    private Either<AuditRefusal, AuditAccepted> offer(AuditEvent event, long timeoutNanos) {
        if (event == null) {
            throw new IllegalArgumentException("no audit event to log");
        }
        // Counting producers inside lets the writer finish only when no accepted event can still arrive: a producer
        // that entered before close saw it open and may add its event; one entering after sees it closed.
        producersInside.incrementAndGet();
        try {
            if (closed) {
                refusedClosed.incrementAndGet();
                return Either.left(AuditRefusal.CLOSED);
            }
            boolean taken = timeoutNanos == 0
                    ? queue.offer(event)
                    : queue.offer(event, timeoutNanos, TimeUnit.NANOSECONDS);
            if (!taken) {
                long total = overflowed.incrementAndGet();
                reportOverflow(total);
                return Either.left(AuditRefusal.QUEUE_FULL);
            }
            return Either.right(new AuditAccepted(queued.incrementAndGet()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            refusedInterrupted.incrementAndGet();
            return Either.left(AuditRefusal.INTERRUPTED);
        } finally {
            producersInside.decrementAndGet();
        }
    }

    /** The counters now; cheap, for health checks and metrics. */
    public AuditLoggerStats stats() {
        return new AuditLoggerStats(queued.get(), written.get(), batches.get(), failedAttempts.get(),
                overflowed.get(), refusedClosed.get(), refusedInterrupted.get(), unwrittenCount.get(), queue.size(),
                inFlight.size(), alertsNotSent.get(), settings.capacity());
    }

    /** Whether the writer thread is running. */
    public boolean isRunning() {
        return writer.isAlive();
    }

    /** Stops taking events, writes what is queued within the shutdown timeout, and stops the writer thread. */
    @Override
    public void close() {
        shutdown();
    }

    /**
     * As {@link #close}, returning what was and was not written. Idempotent: later calls return the same report.
     * Waits at most the shutdown timeout, plus a second if the writer must be interrupted out of the audit log.
     */
    public synchronized AuditShutdownReport shutdown() {
        if (report != null) {
            return report;
        }
        long timeoutNanos = settings.shutdownTimeout().toNanos();
        shutdownDeadline = System.nanoTime() + timeoutNanos;
        closed = true;
        boolean stopped = join(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + 1);
        if (!stopped) {
            // Stuck inside the audit log past the deadline: interrupt it; it reports what it held as unwritten.
            writer.interrupt();
            stopped = join(STOP_GRACE_MILLIS);
        }
        // Whatever the writer left behind, plus anything queued it never saw (it ended early, or is stuck).
        io.vavr.collection.List<AuditEvent> unwritten = stopped
                ? abandoned.appendAll(stranded())
                : inFlight.appendAll(stranded());
        unwrittenCount.set(unwritten.size());
        report = new AuditShutdownReport(written.get(), unwritten, stopped);
        if (!unwritten.isEmpty()) {
            send(AlertSeverity.CRITICAL, "Audit events not written at shutdown",
                    unwritten.size() + " accepted audit events could not be written within "
                            + settings.shutdownTimeout() + "; they are in the shutdown report",
                    "unwritten", String.valueOf(unwritten.size()));
        }
        return report;
    }

    private boolean join(long millis) {
        try {
            writer.join(Math.max(1, millis));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return !writer.isAlive();
    }

    private io.vavr.collection.List<AuditEvent> stranded() {
        java.util.List<AuditEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        return io.vavr.collection.List.ofAll(rest);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The writer thread
    // ---------------------------------------------------------------------------------------------------------------

    private void writeUntilClosed() {
        java.util.List<AuditEvent> batch = new ArrayList<>(settings.maxBatch());
        boolean drained = false;
        try {
            while (true) {
                if (closed && System.nanoTime() - shutdownDeadline >= 0 && !queue.isEmpty()) {
                    return;
                }
                if (!collect(batch)) {
                    drained = true;
                    return;
                }
                if (!writeWithRetries(batch)) {
                    return;
                }
                batch.clear();
            }
        } catch (InterruptedException interrupted) {
            // close() gave up waiting: fall through to report what is held.
        } finally {
            if (!drained) {
                abandon(batch);
            }
        }
    }

    /**
     * Fills the batch: waits for a first event, then up to the linger (none once closing) for up to
     * {@code maxBatch}. Returns false when closed, no producer is inside and nothing is queued: the end.
     */
    private boolean collect(java.util.List<AuditEvent> batch) throws InterruptedException {
        AuditEvent first = null;
        while (first == null) {
            // Producers first, then the queue: a producer that got in before close has added its event by the time
            // it leaves, so an empty queue after zero producers means nothing more can come.
            if (closed && producersInside.get() == 0 && queue.isEmpty()) {
                return false;
            }
            first = queue.poll(IDLE_WAKE_NANOS, TimeUnit.NANOSECONDS);
        }
        batch.add(first);
        int max = settings.maxBatch();
        long lingerEnd = System.nanoTime() + settings.linger().toNanos();
        while (batch.size() < max) {
            queue.drainTo(batch, max - batch.size());
            long remaining = lingerEnd - System.nanoTime();
            if (batch.size() >= max || closed || remaining <= 0) {
                break;
            }
            AuditEvent next = queue.poll(remaining, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return true;
    }

    /**
     * Writes the batch, retrying the same events in the same order with exponential backoff. Returns false only
     * when closing and the shutdown deadline passed before a write succeeded.
     */
    private boolean writeWithRetries(java.util.List<AuditEvent> batch) throws InterruptedException {
        io.vavr.collection.List<AuditEvent> events = io.vavr.collection.List.ofAll(batch);
        inFlight = events;
        // One id for every attempt of this batch: a retry after a COMMIT whose answer was lost writes nothing.
        String batchId = UUID.randomUUID().toString();
        long delay = settings.retryInitialDelay().toNanos();
        long maxDelay = settings.retryMaxDelay().toNanos();
        while (true) {
            try {
                auditLog.appendBatch(batchId, events);
                written.addAndGet(events.size());
                batches.incrementAndGet();
                inFlight = io.vavr.collection.List.empty();
                return true;
            } catch (RuntimeException | Error failure) {
                // The port declares no exception: whatever the adapter throws is a failed write, to be retried. An
                // Error too: the writer dying would leave log() accepting events nobody writes.
                long attempts = failedAttempts.incrementAndGet();
                reportWriteFailure(failure, attempts, events.size());
            }
            long wait = delay;
            if (closed) {
                long left = shutdownDeadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait = Math.min(wait, left);
            }
            TimeUnit.NANOSECONDS.sleep(wait);
            delay = Math.min(maxDelay, delay * 2);
        }
    }

    /**
     * Past the deadline (or the writer failing with an error): everything held or still arriving becomes the
     * report's unwritten list, in order.
     */
    private void abandon(java.util.List<AuditEvent> batch) {
        java.util.List<AuditEvent> rest = new ArrayList<>(batch);
        batch.clear();
        queue.drainTo(rest);
        // Producers inside are mid-offer (no new one gets in once closed); draining makes room for them to finish.
        while (closed && (producersInside.get() > 0 || !queue.isEmpty())) {
            queue.drainTo(rest);
            Thread.onSpinWait();
        }
        inFlight = io.vavr.collection.List.empty();
        abandoned = io.vavr.collection.List.ofAll(rest);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Alerts
    // ---------------------------------------------------------------------------------------------------------------

    private void reportOverflow(long total) {
        if (overflowAlerts.tryAcquire()) {
            send(AlertSeverity.HIGH, "Audit queue full",
                    "the audit writer is behind: " + total + " audit events refused so far; callers hold them",
                    "overflowed", String.valueOf(total),
                    "capacity", String.valueOf(settings.capacity()));
        }
    }

    private void reportWriteFailure(Throwable failure, long attempts, int batchSize) {
        if (failureAlerts.tryAcquire()) {
            send(AlertSeverity.HIGH, "Audit log write failing",
                    "writing " + batchSize + " audit events failed (" + failure + "); retrying with backoff, "
                            + "queue depth " + queue.size() + " of " + settings.capacity(),
                    "failed_attempts", String.valueOf(attempts),
                    "depth", String.valueOf(queue.size()));
        }
    }

    private void send(AlertSeverity severity, String title, String message, String... context) {
        LinkedHashMap<String, String> map = LinkedHashMap.empty();
        for (int i = 0; i + 1 < context.length; i += 2) {
            map = map.put(context[i], context[i + 1]);
        }
        try {
            alerts.send(new Alert(severity, title, message, clock.instant(), map));
        } catch (RuntimeException sinkFailure) {
            // AlertSink promises not to throw; one that does anyway must not kill the writer or fail a caller.
            alertsNotSent.incrementAndGet();
        }
    }

    /** At most one permit per interval, lock-free; the first request always passes. */
    private static final class RateLimit {

        private final long intervalNanos;
        private final AtomicLong nextAllowed;

        RateLimit(long intervalNanos) {
            this.intervalNanos = intervalNanos;
            this.nextAllowed = new AtomicLong(System.nanoTime());
        }

        boolean tryAcquire() {
            long now = System.nanoTime();
            long next = nextAllowed.get();
            return now - next >= 0 && nextAllowed.compareAndSet(next, now + intervalNanos);
        }
    }
}
