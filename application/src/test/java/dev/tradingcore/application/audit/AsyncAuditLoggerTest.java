package dev.tradingcore.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AsyncAuditLoggerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T14:30:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final AtomicInteger LOGGERS = new AtomicInteger();

    private final RecordingAuditLog auditLog = new RecordingAuditLog();
    private final RecordingAlertSink alerts = new RecordingAlertSink();
    private final List<AsyncAuditLogger> started = new ArrayList<>();

    @AfterEach
    void stopEveryLogger() {
        auditLog.failNext(0);
        auditLog.resume();
        started.forEach(AsyncAuditLogger::close);
    }

    private AsyncAuditLogger start(AuditLoggerSettings settings) {
        AsyncAuditLogger logger = AsyncAuditLogger.start(auditLog, alerts, CLOCK, settings);
        started.add(logger);
        return logger;
    }

    private static AuditLoggerSettings settings() {
        return AuditLoggerSettings.defaults()
                .withCapacity(50)
                .withMaxBatch(10)
                .withLinger(Duration.ofMillis(20))
                .withOfferTimeout(Duration.ofMillis(1))
                .withRetryDelays(Duration.ofMillis(1), Duration.ofMillis(8))
                .withShutdownTimeout(Duration.ofSeconds(10))
                .withThreadName("audit-logger-test-" + LOGGERS.incrementAndGet());
    }

    private static AuditEvent event(String producer, int n) {
        return AuditEvent.of(T0, "test", "background_event", AuditSeverity.INFO,
                AuditEvent.details("producer", producer, "n", String.valueOf(n)));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(2);
        }
    }

    /**
     * The writer retries a failed batch until it is written, so an event the store refuses would hold the queue for
     * ever. With the fake storing and refusing what PostgreSQL does, an event at the edge of what the store holds (an
     * id of 51 characters, a NUL character) is either impossible to make, or written with everything after it.
     */
    @Test
    void no_event_that_can_be_made_stalls_the_queue() throws InterruptedException {
        AsyncAuditLogger logger = start(settings());
        int edges = 0;
        for (java.util.function.Supplier<AuditEvent> edge : List.<java.util.function.Supplier<AuditEvent>>of(
                () -> new AuditEvent(T0, "test", "edge", AuditEvent.details("n", "1"), io.vavr.control.Option.some(
                        "u".repeat(51)), io.vavr.control.Option.none(), AuditSeverity.INFO),
                () -> AuditEvent.of(T0, "test", "edge", AuditSeverity.INFO, AuditEvent.details("n", "nul\u0000")))) {
            io.vavr.control.Try<AuditEvent> made = io.vavr.control.Try.of(edge::get);
            if (made.isSuccess()) {
                assertThat(logger.log(made.get()).isRight()).isTrue();
                edges++;
            }
        }
        for (int i = 0; i < 20; i++) {
            assertThat(logger.log(event("after-the-edges", i)).isRight()).isTrue();
        }
        int accepted = 20 + edges;

        await(() -> logger.stats().written() == accepted, "every accepted event is written (" + accepted + ")");
        assertThat(logger.stats().failedAttempts()).as("no batch refused").isZero();
    }

    /** What one producer thread saw: the events accepted, in its order, and how many were refused. */
    private record Produced(List<AuditEvent> accepted, int refused, int maxDepthSeen, int maxInFlightSeen) {
    }

    private static Produced produce(AsyncAuditLogger logger, String name, int count, CountDownLatch go)
            throws InterruptedException {
        go.await();
        List<AuditEvent> accepted = new ArrayList<>();
        int refused = 0;
        int maxDepth = 0;
        int maxInFlight = 0;
        for (int i = 0; i < count; i++) {
            AuditEvent event = event(name, i);
            Either<AuditRefusal, AuditAccepted> outcome = logger.log(event);
            if (outcome.isRight()) {
                accepted.add(event);
            } else {
                assertThat(outcome.getLeft()).isEqualTo(AuditRefusal.QUEUE_FULL);
                refused++;
            }
            AuditLoggerStats stats = logger.stats();
            maxDepth = Math.max(maxDepth, stats.depth());
            maxInFlight = Math.max(maxInFlight, stats.inFlight());
        }
        return new Produced(accepted, refused, maxDepth, maxInFlight);
    }

    private static List<Produced> burst(AsyncAuditLogger logger, int producers, int eachCount) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Produced>> futures = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                String name = "p" + p;
                futures.add(pool.submit(() -> produce(logger, name, eachCount, go)));
            }
            go.countDown();
            List<Produced> results = new ArrayList<>();
            for (Future<Produced> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<AuditEvent> ofProducer(List<AuditEvent> events, String producer) {
        return events.stream().filter(e -> e.details().get("producer").contains(producer)).toList();
    }

    @Nested
    class UnderABurstLargerThanTheQueue {

        @Test
        void nothing_is_lost_silently_the_queue_stays_within_capacity_and_the_overflow_is_alerted() throws Exception {
            AsyncAuditLogger logger = start(settings());
            auditLog.pause(); // the database hangs: the writer holds one batch, the queue fills

            List<Produced> produced = burst(logger, 4, 500);
            auditLog.resume();
            AuditShutdownReport report = logger.shutdown();

            int accepted = produced.stream().mapToInt(p -> p.accepted().size()).sum();
            int refused = produced.stream().mapToInt(Produced::refused).sum();
            AuditLoggerStats stats = logger.stats();
            assertThat(accepted + refused).as("every event is accepted or refused to its caller").isEqualTo(2000);
            assertThat(refused).as("a burst of 2000 into 50 + one batch of 10 must overflow").isPositive();
            assertThat(stats.overflowed()).isEqualTo(refused);
            assertThat(stats.queued()).isEqualTo(accepted);
            assertThat(stats.offered()).isEqualTo(2000);
            assertThat(report.clean()).isTrue();
            assertThat(stats.written()).as("every accepted event is written").isEqualTo(accepted);
            for (int p = 0; p < 4; p++) {
                assertThat(ofProducer(auditLog.events(), "p" + p)).as("producer p" + p + "'s events, in order")
                        .containsExactlyElementsOf(produced.get(p).accepted());
            }
            assertThat(produced).allSatisfy(p -> {
                assertThat(p.maxDepthSeen()).as("queue depth").isLessThanOrEqualTo(50);
                assertThat(p.maxInFlightSeen()).as("batch being written").isLessThanOrEqualTo(10);
            });
            List<Alert> overflowAlerts = alerts.titled("Audit queue full");
            assertThat(overflowAlerts).as("reported, but rate-limited to one per interval").hasSize(1);
            assertThat(overflowAlerts.getFirst().severity()).isEqualTo(AlertSeverity.HIGH);
            assertThat(overflowAlerts.getFirst().at()).isEqualTo(T0);
        }

        @Test
        void a_slow_database_pushes_back_on_callers_instead_of_growing_and_batches_fill_up() throws Exception {
            AsyncAuditLogger logger = start(settings().withCapacity(20).withOfferTimeout(Duration.ofSeconds(30)));
            auditLog.slowEachWriteBy(Duration.ofMillis(2));

            List<Produced> produced = burst(logger, 4, 250);
            AuditShutdownReport report = logger.shutdown();

            assertThat(produced).allSatisfy(p -> {
                assertThat(p.refused()).as("callers waited for room instead").isZero();
                assertThat(p.maxDepthSeen()).isLessThanOrEqualTo(20);
            });
            assertThat(report.clean()).isTrue();
            assertThat(auditLog.events()).hasSize(1000);
            List<Integer> sizes = auditLog.batches().stream().map(b -> b.size()).toList();
            assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 10));
            long multi = sizes.stream().filter(size -> size > 1).count();
            assertThat(multi).as("batches of more than one event, of " + sizes.size()).isGreaterThan(sizes.size() / 2);
            assertThat(sizes.size()).as("round trips for 1000 events").isLessThan(1000 / 2);
        }
    }

    @Nested
    class Batching {

        @Test
        void an_idle_logger_writes_a_lone_event_after_the_linger_without_waiting_for_more() throws Exception {
            AsyncAuditLogger logger = start(settings());

            assertThat(logger.log(event("solo", 1)).isRight()).isTrue();

            await(() -> logger.stats().written() == 1, "the lone event is written");
            assertThat(auditLog.batches()).hasSize(1);
        }

        @Test
        void events_queued_while_the_database_is_busy_go_out_in_full_batches() throws Exception {
            AsyncAuditLogger logger = start(settings().withCapacity(100));
            auditLog.pause();
            logger.log(event("first", 0));
            await(() -> auditLog.blockedWriters() == 1, "the writer is inside the database");
            for (int i = 0; i < 95; i++) {
                assertThat(logger.tryLog(event("queued", i)).isRight()).isTrue();
            }
            auditLog.resume();
            logger.shutdown();

            List<Integer> sizes = auditLog.batches().stream().map(b -> b.size()).toList();
            assertThat(sizes).containsExactly(1, 10, 10, 10, 10, 10, 10, 10, 10, 10, 5);
        }
    }

    @Nested
    class WhenTheDatabaseFails {

        @Test
        void a_failed_batch_is_retried_in_order_until_it_succeeds_and_the_failure_is_alerted() throws Exception {
            AsyncAuditLogger logger = start(settings().withMaxBatch(100));
            auditLog.failNext(3);
            List<AuditEvent> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                sent.add(event("retry", i));
                assertThat(logger.log(sent.getLast()).isRight()).isTrue();
            }

            await(() -> logger.stats().written() == 30, "all 30 events are written");

            assertThat(auditLog.events()).as("each once, in order").containsExactlyElementsOf(sent);
            assertThat(logger.stats().failedAttempts()).isEqualTo(3);
            assertThat(auditLog.attempts()).isEqualTo(auditLog.batches().size() + 3);
            assertThat(alerts.titled("Audit log write failing")).hasSize(1);
        }

        @Test
        void a_batch_whose_commit_answer_was_lost_is_not_written_again_by_its_retry() throws Exception {
            AsyncAuditLogger logger = start(settings().withMaxBatch(100).withLinger(Duration.ofMillis(50)));
            auditLog.loseNextCommitAnswer();
            List<AuditEvent> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(event("lost-ack", i));
                assertThat(logger.log(sent.getLast()).isRight()).isTrue();
            }

            await(() -> logger.stats().written() == 5, "the batch is written");

            assertThat(auditLog.events()).as("once, not twice").containsExactlyElementsOf(sent);
            assertThat(logger.stats().failedAttempts()).isEqualTo(1);
        }

        @Test
        void an_error_thrown_by_the_audit_log_is_a_failed_write_retried_and_the_writer_lives_on() throws Exception {
            AsyncAuditLogger logger = start(settings());
            auditLog.failNextWith(new StackOverflowError("simulated"));
            AuditEvent event = event("error", 1);

            assertThat(logger.log(event).isRight()).isTrue();
            await(() -> logger.stats().written() == 1, "the event is written after the error");

            assertThat(auditLog.events()).containsExactly(event);
            assertThat(logger.isRunning()).isTrue();
            assertThat(logger.log(event("error", 2)).isRight()).isTrue();
        }

        @Test
        void what_cannot_be_written_by_the_shutdown_timeout_is_reported_with_the_events_and_alerted() {
            AsyncAuditLogger logger = start(settings().withShutdownTimeout(Duration.ofMillis(200)));
            auditLog.failNext(-1);
            List<AuditEvent> sent = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                sent.add(event("doomed", i));
                logger.log(sent.getLast());
            }

            AuditShutdownReport report = logger.shutdown();

            assertThat(report.writerStopped()).isTrue();
            assertThat(report.unwritten()).as("in order, none hidden").containsExactlyElementsOf(sent);
            assertThat(logger.stats().unwritten()).isEqualTo(25);
            assertThat(logger.stats().written()).isZero();
            List<Alert> critical = alerts.titled("Audit events not written at shutdown");
            assertThat(critical).singleElement().satisfies(alert -> {
                assertThat(alert.severity()).isEqualTo(AlertSeverity.CRITICAL);
                assertThat(alert.context().get("unwritten").get()).isEqualTo("25");
            });
            assertThat(logger.isRunning()).isFalse();
        }

        @Test
        void a_writer_stuck_in_a_hung_database_is_interrupted_at_the_timeout_and_its_batch_reported()
                throws Exception {
            AsyncAuditLogger logger = start(settings().withShutdownTimeout(Duration.ofMillis(200)));
            auditLog.pause();
            logger.log(event("stuck", 0));
            await(() -> auditLog.blockedWriters() == 1, "the writer is inside the database");
            logger.log(event("stuck", 1));

            AuditShutdownReport report = logger.shutdown();

            assertThat(report.writerStopped()).isTrue();
            assertThat(report.unwritten()).containsExactly(event("stuck", 0), event("stuck", 1));
        }
    }

    @Nested
    class Shutdown {

        @Test
        void close_writes_everything_queued_and_stops_the_writer_thread() throws Exception {
            AuditLoggerSettings settings = settings().withCapacity(500).withMaxBatch(50);
            AsyncAuditLogger logger = start(settings);
            auditLog.pause();
            List<AuditEvent> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                sent.add(event("flush", i));
                assertThat(logger.tryLog(sent.getLast()).isRight()).isTrue();
            }
            assertThat(logger.stats().depth()).as("queued when close is called").isGreaterThan(200);

            CompletableFuture<AuditShutdownReport> closing = CompletableFuture.supplyAsync(logger::shutdown);
            // Until close takes effect, a late event may still be accepted: then it must be written too.
            AtomicInteger late = new AtomicInteger();
            await(() -> {
                AuditEvent event = event("late", late.get());
                boolean accepted = logger.log(event).isRight();
                if (accepted) {
                    sent.add(event);
                    late.incrementAndGet();
                }
                return !accepted;
            }, "the logger refuses new events");
            auditLog.resume();
            AuditShutdownReport report = closing.get(30, TimeUnit.SECONDS);

            assertThat(report.clean()).isTrue();
            assertThat(report.written()).isEqualTo(sent.size());
            assertThat(auditLog.events()).containsExactlyElementsOf(sent);
            assertThat(logger.isRunning()).isFalse();
            assertThat(Thread.getAllStackTraces().keySet())
                    .as("no thread left behind").noneMatch(t -> t.getName().equals(settings.threadName()));
            assertThat(logger.shutdown()).as("closing twice returns the same report").isSameAs(report);
        }

        @Test
        void an_event_logged_after_close_is_refused_explicitly_and_counted() {
            AsyncAuditLogger logger = start(settings());
            logger.close();

            assertThat(logger.log(event("after", 1)).getLeft()).isEqualTo(AuditRefusal.CLOSED);
            assertThat(logger.tryLog(event("after", 2)).getLeft()).isEqualTo(AuditRefusal.CLOSED);
            assertThat(logger.stats().refusedClosed()).isEqualTo(2);
            assertThat(auditLog.events()).isEmpty();
        }
    }

    @Test
    void a_caller_interrupted_while_waiting_for_room_gets_a_refusal_and_keeps_its_interrupt() throws Exception {
        AsyncAuditLogger logger = start(settings().withCapacity(1).withOfferTimeout(Duration.ofSeconds(30)));
        auditLog.pause();
        logger.log(event("fill", 0));
        await(() -> auditLog.blockedWriters() == 1, "the writer is inside the database");
        logger.log(event("fill", 1));

        Thread.currentThread().interrupt();
        Either<AuditRefusal, AuditAccepted> outcome = logger.log(event("fill", 2));

        assertThat(Thread.interrupted()).as("interrupt flag kept (and cleared here)").isTrue();
        assertThat(outcome.getLeft()).isEqualTo(AuditRefusal.INTERRUPTED);
        assertThat(logger.stats().refusedInterrupted()).isEqualTo(1);
    }
}
