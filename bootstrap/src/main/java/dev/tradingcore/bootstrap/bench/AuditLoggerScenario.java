package dev.tradingcore.bootstrap.bench;

import dev.tradingcore.adapters.postgres.audit.seal.PostgresAuditSealer;
import dev.tradingcore.adapters.postgres.audit.seal.PostgresAuditVerification;
import dev.tradingcore.adapters.postgres.audit.seal.VerificationProgress;
import dev.tradingcore.adapters.postgres.audit.seal.VerificationReport;
import dev.tradingcore.application.audit.AsyncAuditLogger;
import dev.tradingcore.application.audit.PeriodicAuditSealing;
import dev.tradingcore.domain.audit.seal.AuditSealer;
import dev.tradingcore.application.audit.AuditLoggerSettings;
import dev.tradingcore.application.audit.AuditLoggerStats;
import dev.tradingcore.application.audit.AuditShutdownReport;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.audit.AuditSeverity;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 5: the asynchronous audit logger over the guarded PostgreSQL audit log (its own pool), fed by two
 * producer threads as fast as they can: events written per second, from the first event to the end of the flush at
 * close. Baseline: one thread writing batches of 500 with the adapter's statement (one COPY and one transaction per
 * batch) through plain JDBC, the CSV written straight from prepared JSON. Then the logger again over an audit log slowed to one batch per 50 ms: the
 * queue must stay within its capacity and the heap bounded, the producers feeling back-pressure (refusals) instead.
 */
final class AuditLoggerScenario implements Scenario {

    private static final int PRODUCERS = 2;
    private static final int BATCH = 500;
    private static final Duration SLOW_BATCH = Duration.ofMillis(50);
    /** Sealing more often than the default 5 s, so that the measurement holds several rounds of it. */
    private static final Duration SEAL_EVERY = Duration.ofSeconds(1);
    /** MyBatisAuditLog's COPY. */
    static final String COPY = "COPY audit_log (timestamp, component, action, details, user_id, session_id, "
            + "severity) FROM STDIN WITH (FORMAT csv)";

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String name() {
        return "audit logger";
    }

    private static List<AuditEvent> events(Instant at) {
        List<AuditEvent> events = new ArrayList<>(64);
        for (int i = 0; i < 64; i++) {
            events.add(AuditEvent.of(at.plusMillis(i), "risk", "risk_check", AuditSeverity.INFO,
                    AuditEvent.details("symbol", String.format("S%04d", i), "check", "exposure", "value",
                            Integer.toString(1_000 + i), "limit", "250000.00")));
        }
        return events;
    }

    private static String json(AuditEvent event) {
        StringBuilder json = new StringBuilder("{");
        event.details().forEach((k, v) -> json.append('"').append(k).append("\": \"").append(v).append("\", "));
        json.setLength(json.length() - 2);
        return json.append('}').toString();
    }

    @Override
    public List<BenchRow> run(BenchContext context) throws Exception {
        List<AuditEvent> events = events(context.clock().instant());
        AuditLog store = context.database().persistence().auditLog();
        java.util.concurrent.atomic.AtomicLong writeNanos = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
        AuditLog auditLog = new AuditLog() {
            @Override
            public void append(AuditEvent event) {
                store.append(event);
            }

            @Override
            public void appendAll(io.vavr.collection.List<AuditEvent> batch) {
                store.appendAll(batch);
            }

            @Override
            public boolean appendBatch(String batchId, io.vavr.collection.List<AuditEvent> batch) {
                long t0 = System.nanoTime();
                boolean written = store.appendBatch(batchId, batch);
                writeNanos.addAndGet(System.nanoTime() - t0);
                writes.incrementAndGet();
                return written;
            }
        };
        long baselineBatches = 0;
        long baselineBatchNanos = 0;
        Duration length = context.options().roundDuration();
        long projectWritten = 0;
        long projectNanos = 0;
        long projectRefused = 0;
        long baselineWritten = 0;
        long baselineNanos = 0;
        double projectPeak = 0;
        List<String> jsons = events.stream().map(e -> json(e).replace("\"", "\"\"")).toList();
        // Sealing on and off are measured alike: what the database held before is sealed first, so the sealer
        // measured only keeps up with what the logger writes.
        AuditSealer sealer = new PostgresAuditSealer(context.database().pools().execution(), context.clock());
        context.progress("5 audit logger: sealing what the database holds before measuring");
        sealAll(sealer);
        long sealedOnWritten = 0;
        long sealedOnNanos = 0;
        long sealedOffWritten = 0;
        long sealedOffNanos = 0;
        long sealedDuring = 0;
        long blocksDuring = 0;
        long catchUpNanos = 0;
        for (int round = 0; round < context.options().rounds(); round++) {
            context.progress("5 audit logger: round %d of %d", round + 1, context.options().rounds());
            // Sealing on and off alternate which goes first, so that a drift of the shared machine favours neither.
            for (int pass = 0; pass < 2; pass++) {
                boolean on = (round + pass) % 2 == 0;
                PeriodicAuditSealing sealing = new PeriodicAuditSealing(sealer, context.alerts(), context.clock(),
                        SEAL_EVERY, java.util.Optional.empty());
                if (on) {
                    sealing.start();
                }
                Feed withOrWithout = feed(auditLog, AuditLoggerSettings.defaults().withThreadName(
                        "bench-audit-logger-sealing-" + (on ? "on" : "off")), events, length, context);
                long t0 = System.nanoTime();
                sealing.close(); // on: stops the schedule, then the last round over what the logger flushed
                if (on) {
                    catchUpNanos += System.nanoTime() - t0;
                    sealedOnWritten += withOrWithout.written;
                    sealedOnNanos += withOrWithout.nanos;
                    sealedDuring += sealing.rowsSealed();
                    blocksDuring += sealing.blocksSealed();
                    if (sealing.roundsFailed() > 0) {
                        throw new BenchFailure("the audit sealer failed " + sealing.roundsFailed() + " rounds");
                    }
                } else {
                    sealedOffWritten += withOrWithout.written;
                    sealedOffNanos += withOrWithout.nanos;
                    sealAll(sealer); // not measured: the next pass with sealing on starts from a sealed log
                }
            }
            HeapPeak.reset();
            Feed feed = feed(auditLog, AuditLoggerSettings.defaults().withThreadName("bench-audit-logger"), events,
                    length, context);
            projectPeak = Math.max(projectPeak, HeapPeak.peakMiB());
            projectWritten += feed.written;
            projectNanos += feed.nanos;
            projectRefused += feed.refused;
            try (Connection c = context.database().pools().audit().getConnection()) {
                c.setAutoCommit(false);
                long start = System.nanoTime();
                long deadline = start + length.toNanos();
                int next = 0;
                StringBuilder text = new StringBuilder(64 * 1024);
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
                    for (int r = 0; r < BATCH; r++) {
                        AuditEvent e = events.get(next++ & 63);
                        DateTimeFormatter.ISO_INSTANT.formatTo(e.timestamp(), text);
                        text.append(",\"").append(e.component()).append("\",\"").append(e.action()).append("\",\"")
                                .append(jsons.get((next - 1) & 63)).append("\",,,\"").append(e.severity().code())
                                .append("\"\n");
                    }
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    text.setLength(0);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    copy.endCopy();
                    c.commit();
                    baselineBatchNanos += System.nanoTime() - t0;
                    baselineBatches++;
                    baselineWritten += BATCH;
                }
                baselineNanos += System.nanoTime() - start;
                c.setAutoCommit(true);
            }
        }
        BenchRow sustained = BenchRow.of("5 audit logger", PRODUCERS + " producers, batches of " + BATCH, "events/s",
                Measurement.rate(projectWritten * 1e9 / projectNanos),
                Measurement.rate(baselineWritten * 1e9 / baselineNanos))
                .note("refused while full (back-pressure)", Long.toString(projectRefused))
                .note("batches, mean events, mean write (project / JDBC)", String.format("%d, %.0f, %.1f ms / %d, %d, "
                        + "%.1f ms", writes.get(), projectWritten / (double) Math.max(1, writes.get()),
                        writeNanos.get() / 1e6 / Math.max(1, writes.get()), baselineBatches, BATCH,
                        baselineBatchNanos / 1e6 / Math.max(1, baselineBatches)))
                .note("peak heap", String.format("%.0f MiB of %s", projectPeak, HeapPeak.maxHeap()));

        double onRate = sealedOnWritten * 1e9 / Math.max(1, sealedOnNanos);
        double offRate = sealedOffWritten * 1e9 / Math.max(1, sealedOffNanos);
        BenchRow sealing = BenchRow.of("5 audit logger", "sealing every " + SEAL_EVERY.toSeconds() + " s vs off",
                "events/s", Measurement.rate(onRate), Measurement.rate(offRate))
                .note("sealing on / off", String.format("%.1f %%", 100.0 * onRate / offRate))
                .note("sealed while logging, blocks", String.format("%d rows, %d blocks (last round at close: %.0f ms"
                        + " per pass)", sealedDuring, blocksDuring, catchUpNanos / 1e6 / context.options().rounds()));

        context.progress("5 audit logger: sealing what is left, then verifying the whole audit log");
        sealAll(sealer);
        VerificationReport verified = new PostgresAuditVerification(context.database().pools().execution())
                .verify(java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                        context.clock().instant(), VerificationProgress.NONE);
        if (!verified.intact()) {
            throw new BenchFailure("audit verify found " + verified.findings().size() + " mismatches, first: "
                    + verified.findings().get(0).message());
        }
        BenchRow verify = BenchRow.of("5 audit verify", String.format("whole log, %,d rows in %,d blocks",
                verified.rows(), verified.blocks()), "rows/s", Measurement.rate(verified.rowsPerSecond()), null)
                .note("took", String.format("%.1f s, intact", verified.took().toMillis() / 1000.0));

        context.progress("5 audit logger: consumer slowed to one batch per %d ms", SLOW_BATCH.toMillis());
        AuditLog slow = new AuditLog() {
            @Override
            public void append(AuditEvent event) {
                LockSupport.parkNanos(SLOW_BATCH.toNanos());
                auditLog.append(event);
            }

            @Override
            public void appendAll(io.vavr.collection.List<AuditEvent> batch) {
                LockSupport.parkNanos(SLOW_BATCH.toNanos());
                auditLog.appendAll(batch);
            }

            @Override
            public boolean appendBatch(String batchId, io.vavr.collection.List<AuditEvent> batch) {
                LockSupport.parkNanos(SLOW_BATCH.toNanos());
                return auditLog.appendBatch(batchId, batch);
            }
        };
        AuditLoggerSettings settings = AuditLoggerSettings.defaults().withThreadName("bench-audit-logger-slowed")
                .withOfferTimeout(Duration.ofMillis(1));
        HeapPeak.reset();
        double before = HeapPeak.usedMiB();
        Feed slowed = feed(slow, settings, events, length.multipliedBy(2), context);
        double peak = HeapPeak.peakMiB();
        BenchRow bounded = BenchRow.of("5 audit logger", "consumer slowed to 1 batch / " + SLOW_BATCH.toMillis() + " ms",
                "events/s", Measurement.rate(slowed.written * 1e9 / slowed.nanos), null)
                .note("max queue depth", slowed.maxDepth + " of " + settings.capacity())
                .note("refused while full (back-pressure)", Long.toString(slowed.refused))
                .note("heap before / peak", String.format("%.0f / %.0f MiB of %s", before, peak, HeapPeak.maxHeap()));
        if (slowed.maxDepth > settings.capacity()) {
            bounded.note("WARNING", "the queue grew past its capacity");
        }
        return List.of(sustained, sealing, bounded, verify);
    }

    /** Seals until nothing is left (two empty rounds: the second settles the horizon the first saw). */
    private static void sealAll(AuditSealer sealer) {
        int empty = 0;
        while (empty < 2) {
            empty = sealer.sealPending().isEmpty() ? empty + 1 : 0;
        }
    }

    private record Feed(long written, long nanos, long refused, int maxDepth) {}

    /** Producers log for {@code length}, then the logger is closed; measured until its flush is done. */
    private static Feed feed(AuditLog auditLog, AuditLoggerSettings settings, List<AuditEvent> events,
            Duration length, BenchContext context) throws InterruptedException {
        AsyncAuditLogger logger = AsyncAuditLogger.start(auditLog, context.alerts(), context.clock(), settings);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger maxDepth = new AtomicInteger();
        List<Thread> producers = new ArrayList<>();
        long start = System.nanoTime();
        for (int p = 0; p < PRODUCERS; p++) {
            int offset = p * 32;
            Thread producer = new Thread(() -> {
                int i = offset;
                while (!stop.get()) {
                    logger.log(events.get(i++ & 63));
                }
            }, "bench-audit-producer-" + p);
            producers.add(producer);
            producer.start();
        }
        long deadline = start + length.toNanos();
        while (System.nanoTime() < deadline) {
            maxDepth.accumulateAndGet(logger.stats().depth(), Math::max);
            Thread.sleep(5);
        }
        stop.set(true);
        for (Thread producer : producers) {
            producer.join();
        }
        AuditShutdownReport report = logger.shutdown();
        long nanos = System.nanoTime() - start;
        AuditLoggerStats stats = logger.stats();
        if (!report.unwritten().isEmpty()) {
            throw new BenchFailure("the audit logger left " + report.unwritten().size() + " events unwritten");
        }
        return new Feed(stats.written(), nanos, stats.overflowed(), maxDepth.get());
    }
}
