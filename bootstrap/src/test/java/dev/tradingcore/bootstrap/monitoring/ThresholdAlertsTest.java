package dev.tradingcore.bootstrap.monitoring;

import dev.tradingcore.application.health.*;
import dev.tradingcore.adapters.postgres.monitoring.PostgresActivity;
import dev.tradingcore.adapters.postgres.monitoring.LocalDiskSpace;
import dev.tradingcore.domain.port.DatabaseActivity;
import dev.tradingcore.domain.port.DiskSpace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.config.SettingsLoader;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.risk.RiskLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every threshold alert of the health monitor, raised once while its condition lasts and resolved once when it clears,
 * as a pager on loopback receives them: a core on a real PostgreSQL with low thresholds, its writes made slow by a
 * lock the test holds on {@code positions} (the fill waits: a slow query, a connection of the execution pool held,
 * then a fill transaction slower than the write threshold), then fast again. The disk threshold (warning below 100 %
 * free) is crossed for as long as the test runs: raised once, never again. Disk space and replication lag that clear
 * are measured from scripted figures (a test cannot free a disk or start a standby), through the same checks.
 *
 * <p>Every alert is also an audit line, written by the audit logger through the audit pool 50 ms (its linger) after
 * the alert: with a pool threshold of 1 %, a tick that lands on that write finds the audit pool "above 1 %", raises
 * {@code health/pool:audit}, whose own audit line makes the next such tick find it again, and so on. The test once
 * polled every 50 ms and saw that incident raised and resolved twice. So the test ticks only once the audit logger
 * has written everything queued (its pools are then what the scenario makes them), and, while the fill waits on the
 * lock, only once the fill is blocked, so that nothing but the monitor's own alerts can queue audit lines.
 */
@Timeout(180)
class ThresholdAlertsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String database;
    private HttpServer pager;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        database = TemplateDatabase.createEmpty();
        pager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pager.createContext("/", exchange -> {
            received.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        pager.start();
    }

    @AfterEach
    void stop() {
        pager.stop(0);
        TemplateDatabase.drop(database);
    }

    @Test
    void every_threshold_alert_of_the_core_is_raised_once_and_resolved_once() throws Exception {
        Settings settings = SettingsLoader.of(Optional.empty(), Map.of(), Map.of(
                "ALERTS_WEBHOOK_URL", "http://127.0.0.1:" + pager.getAddress().getPort() + "/pager",
                "ALERTS_WEBHOOK_MIN_SEVERITY", "INFO",
                // The test ticks the monitor itself: the schedule would tick between its steps.
                "MONITORING_INTERVAL", "1h",
                "MONITORING_WRITE_LATENCY_P99", "300ms",
                "MONITORING_POOL_UTILIZATION_PERCENT", "1",
                "MONITORING_DISK_FREE_WARNING_PERCENT", "100",
                "MONITORING_DISK_FREE_CRITICAL_PERCENT", "0",
                "MONITORING_SLOW_QUERY", "100ms")).load().withDatabase(PostgresServer.get().urlOf(database));
        Clock clock = Clock.systemUTC();
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(31), clock);

        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker).clock(clock)
                .backgroundJobs(false).start()) {
            HealthMonitor monitor = core.component(HealthMonitor.class);
            core.controls().setRiskLimits(new RiskLimits(Money.of("100000"), Money.of("5000")));
            core.controls().turn(true, "threshold test");
            int resolveAfter = settings.monitoring().resolveAfterRounds();
            tickQuietly(core, monitor);
            assertThat(monitor.lastReport().keys()).as("the disk is below 100 %% free").contains("disk-space");

            buyAndFill(core, broker, Symbol.of("AAPL"), "190");
            CompletableFuture<Void> slowFill;
            try (Connection lock = PostgresServer.get().connect(database)) {
                lock.setAutoCommit(false);
                try (Statement st = lock.createStatement()) {
                    st.execute("LOCK TABLE positions IN EXCLUSIVE MODE");
                }
                // The fill waits for the lock: its statement runs on, holding a connection of the execution pool.
                slowFill = CompletableFuture.runAsync(core::syncWithBroker);
                until("the fill waiting for the lock", () -> waitingForLock(lock));
                until("a statement of the core waiting 400 ms and more", () -> {
                    tickQuietly(core, monitor);
                    return monitor.lastReport().active().keySet().stream().anyMatch(c -> c.key().equals(
                            "slow-queries") && Long.parseLong(c.context().get("longest_ms")) >= 400);
                });
                assertThat(monitor.lastReport().keys()).contains("slow-queries", "pool:execution");
                lock.commit();
            }
            slowFill.join();
            tickQuietly(core, monitor);
            assertThat(monitor.lastReport().keys()).as("the slow fill transaction crossed 300 ms; the lock is gone,"
                    + " one healthy check is not enough").contains("write-latency", "slow-queries", "pool:execution");
            for (int round = 2; round < resolveAfter; round++) {
                tickQuietly(core, monitor);
            }
            assertThat(monitor.lastReport().keys()).as("healthy at %d checks in a row: not yet", resolveAfter - 1)
                    .contains("slow-queries", "pool:execution");
            tickQuietly(core, monitor);
            assertThat(monitor.lastReport().keys()).as("healthy at %d checks in a row: resolved", resolveAfter)
                    .contains("write-latency").doesNotContain("slow-queries", "pool:execution");

            // Each interval with fast fills is one healthy check of the write latency (one without fills is none).
            for (int round = 0; round < resolveAfter; round++) {
                assertThat(monitor.lastReport().keys()).contains("write-latency");
                buyAndFill(core, broker, Symbol.of("MSFT"), "420");
                core.syncWithBroker();
                tickQuietly(core, monitor);
            }
            tickQuietly(core, monitor);
            assertThat(monitor.lastReport().keys()).as("fast fills again").containsExactly("disk-space");
        }
        // Closing the core drained the webhook's queue.
        Map<String, List<String>> states = statesByIncident();
        assertThat(states).as("%s", received).containsKeys("health/write-latency", "health/slow-queries",
                "health/pool:execution", "health/disk-space");
        states.forEach((incident, seen) -> {
            if (incident.equals("health/disk-space")) {
                assertThat(seen).as(incident).containsExactly("raised");
            } else if (incident.startsWith("health/")) {
                assertThat(seen).as(incident).containsExactly("raised", "resolved");
            }
        });
        JsonNode resolvedLatency = received.stream().filter(a -> a.path("context").path("incident").asText()
                .equals("health/write-latency") && a.path("context").path("incident_state").asText()
                .equals("resolved")).findFirst().orElseThrow();
        assertThat(resolvedLatency.path("severity").asText()).isEqualTo("INFO");
        assertThat(resolvedLatency.path("title").asText()).startsWith("Resolved: Write latency above 300 ms");
        assertThat(resolvedLatency.path("context").path("occurrences").asText()).isEqualTo("1");
    }

    /**
     * Disk space and replication lag that get better: raised once (escalated once when worse), counted while they
     * last, resolved once, through the same checks and the same webhook sink, with figures the test scripts.
     */
    @Test
    void disk_space_and_replication_lag_that_clear_are_resolved_once() throws Exception {
        Settings settings = SettingsLoader.of(Optional.empty(), Map.of(), Map.of(
                "ALERTS_WEBHOOK_URL", "http://127.0.0.1:" + pager.getAddress().getPort() + "/pager",
                "ALERTS_WEBHOOK_MIN_SEVERITY", "INFO")).load();
        java.util.concurrent.atomic.AtomicLong free = new java.util.concurrent.atomic.AtomicLong(50);
        java.util.concurrent.atomic.AtomicReference<Duration> lag = new java.util.concurrent.atomic.AtomicReference<>(
                Duration.ofSeconds(1));
        java.nio.file.Path data = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        DiskSpace disk = () -> Optional.of(new DiskSpace.Usage(data.toString(), 100 * 1024 * 1024L,
                free.get() * 1024 * 1024L));
        ReplicationLagCheck replication = new ReplicationLagCheck(() -> List.of(new DatabaseActivity.Replica(
                "standby-1", "127.0.0.1", "streaming", Optional.of(lag.get()))), Duration.ofSeconds(5), Duration.ofSeconds(10));
        var sink = ConfiguredAlerts.from(settings.alerts());
        HealthMonitor monitor = new HealthMonitor(List.of(new DiskSpaceCheck(disk, 20, 10), replication), sink,
                Clock.systemUTC(), () -> true, Duration.ofHours(1));
        try {
            monitor.tick();
            free.set(15);
            lag.set(Duration.ofSeconds(7));
            monitor.tick();
            monitor.tick();
            free.set(5);
            lag.set(Duration.ofSeconds(30));
            monitor.tick();
            free.set(15);
            monitor.tick();
            free.set(60);
            lag.set(Duration.ofMillis(200));
            monitor.tick();
            monitor.tick();
            monitor.tick();
        } finally {
            monitor.close();
            sink.close();
        }
        Map<String, List<String>> states = statesByIncident();
        assertThat(states).containsOnlyKeys("health/disk-space", "health/replication-lag");
        assertThat(states.get("health/disk-space")).containsExactly("raised", "escalated", "resolved");
        assertThat(states.get("health/replication-lag")).containsExactly("raised", "escalated",
                "resolved");
        assertThat(received).filteredOn(a -> a.path("context").path("incident_state").asText().equals("resolved"))
                .allSatisfy(a -> assertThat(a.path("context").path("occurrences").asText()).isEqualTo("4"));
        assertThat(received).filteredOn(a -> a.path("context").path("incident_state").asText().equals("escalated"))
                .allSatisfy(a -> assertThat(a.path("severity").asText()).isEqualTo(AlertSeverity.CRITICAL.name()));
    }

    private static void buyAndFill(TradingCore core, SimulatedBroker broker, Symbol symbol, String price) {
        SubmitResult result = core.submit(OrderTicket.market(symbol, Side.BUY, Quantity.of(1), Price.of(price)));
        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        broker.step();
    }

    /** For each incident key, the states its alerts carried, in the order they arrived. */
    private Map<String, List<String>> statesByIncident() {
        Map<String, List<String>> states = new TreeMap<>();
        for (JsonNode alert : received) {
            String incident = alert.path("context").path("incident").asText("");
            if (!incident.isEmpty()) {
                states.computeIfAbsent(incident, k -> new ArrayList<>())
                        .add(alert.path("context").path("incident_state").asText());
            }
        }
        return states;
    }

    /**
     * Ticks once the audit logger has written every line queued so far (the monitor's own alerts' included), so
     * that the audit pool is idle unless the scenario itself uses it.
     */
    private static void tickQuietly(TradingCore core, HealthMonitor monitor) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var stats = core.auditLogger().stats();
            if (stats.written() == stats.queued() && stats.depth() == 0 && stats.inFlight() == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the audit logger still has lines to write after 60 s: " + stats);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        monitor.tick();
    }

    /** Whether a session waits for a lock on {@code positions}: the test's lock holds the fill. */
    private static boolean waitingForLock(Connection lock) {
        try (Statement st = lock.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM"
                + " pg_locks WHERE NOT granted AND relation = 'positions'::regclass")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not true after 60 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
