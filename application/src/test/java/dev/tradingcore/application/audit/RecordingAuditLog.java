package dev.tradingcore.application.audit;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.fakes.InMemoryAuditLog;
import io.vavr.collection.List;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory audit log under the test's control: it records every committed batch, can be paused (writes block
 * until resumed, as a hung database would), slowed, or made to fail a number of times (as a database that is down).
 * What it stores, and what it refuses, is {@link InMemoryAuditLog}'s, which passes the same contract as PostgreSQL;
 * {@code RecordingAuditLogTest} holds this fake to that contract too.
 */
final class RecordingAuditLog implements AuditLog {

    /** What the fake throws for a simulated database failure. */
    static final class SimulatedDatabaseFailure extends RuntimeException {
        SimulatedDatabaseFailure(String message) {
            super(message);
        }
    }

    private final InMemoryAuditLog store = new InMemoryAuditLog();
    private final CopyOnWriteArrayList<List<AuditEvent>> batches = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger blocked = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile Duration writeTime = Duration.ZERO;
    private final java.util.Set<String> batchIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean loseNextCommitAnswer;
    private volatile Error nextError;

    @Override
    public void append(AuditEvent event) {
        appendAll(List.of(event));
    }

    @Override
    public void appendAll(List<AuditEvent> events) {
        store(events);
        answer();
    }

    private void store(List<AuditEvent> events) {
        Error error = nextError;
        if (error != null) {
            nextError = null;
            throw error;
        }
        attempts.incrementAndGet();
        blocked.incrementAndGet();
        try {
            gate.await();
            if (!writeTime.isZero()) {
                Thread.sleep(writeTime);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SimulatedDatabaseFailure("interrupted while the database hung");
        } finally {
            blocked.decrementAndGet();
        }
        if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : n) != 0) {
            throw new SimulatedDatabaseFailure("connection refused (simulated)");
        }
        store.appendAll(events);
        batches.add(events);
    }

    @Override
    public boolean appendBatch(String batchId, List<AuditEvent> events) {
        if (batchIds.contains(batchId)) {
            return false;
        }
        store(events);
        batchIds.add(batchId);
        answer();
        return true;
    }

    /** The injected failures after the batch is stored: the COMMIT's answer lost. */
    private void answer() {
        if (loseNextCommitAnswer) {
            loseNextCommitAnswer = false;
            throw new SimulatedDatabaseFailure("the COMMIT's answer was lost (simulated): the batch is stored");
        }
    }

    /** The next batch commits, and its caller hears a failure (the connection dropped after the COMMIT). */
    void loseNextCommitAnswer() {
        loseNextCommitAnswer = true;
    }

    /** The next write throws this error (a bug in a driver, a stack overflow) instead of writing. */
    void failNextWith(Error error) {
        nextError = error;
    }

    /** Writes block from now on until {@link #resume}. */
    void pause() {
        gate = new CountDownLatch(1);
    }

    void resume() {
        gate.countDown();
    }

    /** How many writes are waiting at the gate or inside a slow write right now. */
    int blockedWriters() {
        return blocked.get();
    }

    void slowEachWriteBy(Duration duration) {
        writeTime = duration;
    }

    /** The next {@code count} writes fail; a negative count fails every write. */
    void failNext(int count) {
        failuresLeft.set(count);
    }

    int attempts() {
        return attempts.get();
    }

    java.util.List<List<AuditEvent>> batches() {
        return java.util.List.copyOf(batches);
    }

    /** The stored events whose details name the order, as the contract reads them. */
    List<AuditEvent> eventsOfOrder(OrderId orderId) {
        return store.eventsOfOrder(orderId);
    }

    /** Every committed event, in commit order. */
    java.util.List<AuditEvent> events() {
        return batches.stream().flatMap(List::toJavaStream).toList();
    }
}
