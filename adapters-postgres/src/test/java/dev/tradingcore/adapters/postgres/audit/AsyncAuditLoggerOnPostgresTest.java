package dev.tradingcore.adapters.postgres.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.application.audit.AsyncAuditLogger;
import dev.tradingcore.application.audit.AuditLoggerSettings;
import dev.tradingcore.application.audit.AuditShutdownReport;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.port.Alert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The asynchronous audit logger (application) writing through the PostgreSQL audit log (adapters-postgres): a burst
 * several times its queue lands whole, in each producer's order, in far fewer round trips than events.
 */
class AsyncAuditLoggerOnPostgresTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant T0 = Instant.parse("2026-11-23T14:30:00Z");

    @Test
    void a_burst_larger_than_the_queue_is_written_whole_in_batches_and_flushed_on_close() throws Exception {
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        AsyncAuditLogger logger = AsyncAuditLogger.start(new PostgresPersistence(db.dataSource()).auditLog(),
                alerts::add, Clock.fixed(T0, ZoneOffset.UTC),
                AuditLoggerSettings.defaults().withCapacity(500).withMaxBatch(200)
                        .withOfferTimeout(Duration.ofSeconds(30)).withThreadName("audit-logger-pg-test"));
        int producers = 4;
        int each = 1_500;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        int refused = 0;
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                String producer = "p" + p;
                results.add(pool.submit(() -> {
                    go.await();
                    int notTaken = 0;
                    for (int n = 0; n < each; n++) {
                        AuditEvent event = AuditEvent.of(T0.plusMillis(n), "async-test", "burst", AuditSeverity.INFO,
                                AuditEvent.details("producer", producer, "n", String.valueOf(n)));
                        if (logger.log(event).isLeft()) {
                            notTaken++;
                        }
                    }
                    return notTaken;
                }));
            }
            go.countDown();
            for (Future<Integer> result : results) {
                refused += result.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        AuditShutdownReport report = logger.shutdown();

        assertThat(refused).as("callers waited for room instead of losing events").isZero();
        assertThat(report.clean()).isTrue();
        assertThat(report.written()).isEqualTo(producers * each);
        assertThat(logger.stats().batches()).as("round trips for " + producers * each + " events")
                .isLessThan(producers * each / 10);
        assertThat(count("SELECT count(*) FROM audit_log WHERE component = 'async-test'"))
                .isEqualTo(producers * each);
        for (int p = 0; p < producers; p++) {
            List<Integer> order = ints("SELECT (details ->> 'n')::int FROM audit_log"
                    + " WHERE component = 'async-test' AND details ->> 'producer' = 'p" + p + "' ORDER BY id");
            assertThat(order).as("producer p" + p + " in its order").isSorted().hasSize(each);
        }
        assertThat(alerts).isEmpty();
    }

    private static long count(String sql) throws SQLException {
        return ints(sql).getFirst();
    }

    private static List<Integer> ints(String sql) throws SQLException {
        List<Integer> values = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getInt(1));
            }
        }
        return values;
    }
}
