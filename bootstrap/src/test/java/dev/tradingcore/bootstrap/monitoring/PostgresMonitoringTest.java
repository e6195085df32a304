package dev.tradingcore.bootstrap.monitoring;

import dev.tradingcore.application.health.*;
import dev.tradingcore.adapters.postgres.monitoring.PostgresActivity;
import dev.tradingcore.adapters.postgres.monitoring.LocalDiskSpace;
import dev.tradingcore.domain.port.DatabaseActivity;
import dev.tradingcore.domain.port.DiskSpace;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.connection.ComponentPoolSizes;
import dev.tradingcore.adapters.postgres.connection.ConnectionPools;
import dev.tradingcore.adapters.postgres.connection.DatabasePools;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.connection.PoolSettings;
import dev.tradingcore.adapters.postgres.resilience.BreakerState;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.adapters.postgres.resilience.GuardSettings;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.bootstrap.cdi.WriteLatencies;
import dev.tradingcore.bootstrap.config.Settings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The checks that read PostgreSQL, against a real server, with a pool the test exhausts and statements it puts to sleep. */
@Timeout(120)
class PostgresMonitoringTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final dev.tradingcore.domain.fixtures.TestClock clock = new dev.tradingcore.domain.fixtures.TestClock(Instant.parse("2026-11-23T15:00:00Z"));
    private final RecordingAlerts alerts = new RecordingAlerts();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private DatabaseGuard guard;
    private PostgresActivity activity;

    @BeforeEach
    void monitoringPool() {
        HikariDataSource pool = ConnectionPools.open(db.url(), new PoolSettings("monitoring", 1, TIMEOUT, true));
        closing.add(pool);
        guard = new DatabaseGuard("primary", GuardSettings.forTimeout(TIMEOUT), alerts, clock);
        closing.add(guard);
        activity = new PostgresActivity(pool, Optional.of(guard));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private HealthMonitor monitor(HealthCheck... checks) {
        HealthMonitor monitor = new HealthMonitor(List.of(checks), alerts, clock,
                () -> guard.status().state() == BreakerState.CLOSED, Duration.ofSeconds(30));
        closing.add(monitor);
        return monitor;
    }

    private static Connection connectAs(String applicationName) throws SQLException {
        DatabaseUrl url = db.url();
        Properties props = new Properties();
        url.user().ifPresent(u -> props.setProperty("user", u));
        url.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    private static CompletableFuture<Void> sleep(Connection connection, double seconds) {
        return CompletableFuture.runAsync(() -> {
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT pg_sleep(" + seconds + ")");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not true after 30 s: " + what);
            }
            Thread.sleep(25);
        }
    }

    @Test
    void a_statement_of_ours_sleeping_past_the_threshold_is_a_slow_query_until_it_ends() throws Exception {
        HealthMonitor monitor = monitor(new SlowQueryCheck(activity::runningLongerThan, Duration.ofMillis(300)));
        assertThat(monitor.tick().active()).isEmpty();

        try (Connection ours = connectAs("trading-core/execution"); Connection theirs = connectAs("psql")) {
            CompletableFuture<Void> slow = sleep(ours, 2.5);
            CompletableFuture<Void> notOurs = sleep(theirs, 2.5);
            until("the slow query is seen", () -> !monitor.tick().active().isEmpty());
            monitor.tick();

            assertThat(alerts.lines()).containsExactly("WARNING Queries running longer than 0.3 s");
            Condition found = monitor.lastReport().active().keySet().iterator().next();
            assertThat(found.context()).as("only the statement of a trading-core pool").containsEntry("count", "1")
                    .containsEntry("application_name", "trading-core/execution");
            assertThat(found.message()).contains("pg_sleep");

            slow.join();
            notOurs.join();
        }
        monitor.tick();
        monitor.tick();
        assertThat(alerts.lines()).as("two checks without it: not yet resolved")
                .containsExactly("WARNING Queries running longer than 0.3 s");
        monitor.tick();
        assertThat(alerts.lines()).containsExactly("WARNING Queries running longer than 0.3 s",
                "INFO Resolved: Queries running longer than 0.3 s");
    }

    @Test
    void an_exhausted_pool_is_a_warning_until_its_connections_come_back() throws Exception {
        DatabasePools pools = DatabasePools.open(db.url(), Optional.empty(), new ComponentPoolSizes(2, 1, 1, 1, 1),
                TIMEOUT);
        closing.add(pools);
        HealthMonitor monitor = monitor(new PoolUtilizationCheck(pools::now, 80));
        assertThat(monitor.tick().active()).isEmpty();

        try (Connection first = pools.execution().getConnection()) {
            assertThat(monitor.tick().active()).as("1 of 2 is 50 %").isEmpty();
            try (Connection second = pools.execution().getConnection()) {
                monitor.tick();
                monitor.tick();
                assertThat(alerts.lines()).containsExactly("WARNING Connection pool execution above 80 %");
            }
        }
        monitor.tick();
        monitor.tick();
        assertThat(alerts.lines()).as("two checks at 0 %: not yet resolved")
                .containsExactly("WARNING Connection pool execution above 80 %");
        monitor.tick();
        assertThat(alerts.lines()).containsExactly("WARNING Connection pool execution above 80 %",
                "INFO Resolved: Connection pool execution above 80 %");
    }

    @Test
    void a_configured_replica_that_does_not_stream_is_a_warning() throws Exception {
        assertThat(activity.replicas()).as("the test server has no standby").isEmpty();
        HealthMonitor monitor = monitor(new ReplicationLagCheck(activity::replicas, Duration.ofSeconds(5),
                Duration.ofSeconds(10)));
        monitor.tick();
        monitor.tick();
        assertThat(alerts.lines()).containsExactly("WARNING No replica streaming");
    }

    /**
     * The disk check needs the data directory, which PostgreSQL shows only to a superuser or a member of
     * pg_read_all_settings: the application's login must get nothing (and the check then skips the disk), a role
     * that may read it gets the absolute path. Both are asked, so neither branch passes untested.
     */
    @Test
    void the_data_directory_is_read_when_the_role_may_read_it() throws Exception {
        assertThat(mayReadSettings(db.dataSource())).as("the application's login").isFalse();
        assertThat(activity.dataDirectory()).as("read as the application").isEmpty();

        assertThat(mayReadSettings(db.adminDataSource())).as("the test server's administrator").isTrue();
        HikariDataSource admin = ConnectionPools.open(db.adminUrl(), new PoolSettings("monitoring-admin", 1, TIMEOUT,
                true));
        closing.add(admin);
        assertThat(new PostgresActivity(admin, Optional.of(guard)).dataDirectory()).as("read as the administrator")
                .hasValueSatisfying(p -> assertThat(p.isAbsolute()).isTrue());
    }

    private static boolean mayReadSettings(javax.sql.DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT rolsuper OR pg_has_role(current_user, 'pg_read_all_settings',"
                        + " 'USAGE') FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void a_database_that_goes_away_is_alerted_by_the_guard_alone() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HikariDataSource dead = ConnectionPools.open(db.url().withHosts("127.0.0.1:" + closedPort),
                new PoolSettings("monitoring-dead", 1, Duration.ofSeconds(1), true));
        closing.add(dead);
        PostgresActivity unreachable = new PostgresActivity(dead, Optional.of(guard));
        HealthMonitor monitor = monitor(new SlowQueryCheck(unreachable::runningLongerThan, Duration.ofSeconds(1)),
                new ReplicationLagCheck(unreachable::replicas, Duration.ofSeconds(5), Duration.ofSeconds(10)));

        // An idle core: only the monitor's statistics queries reach the database, and through the guard they open it.
        until("the breaker opened", () -> {
            monitor.tick();
            return guard.status().state() == BreakerState.OPEN;
        });
        HealthMonitor.Report report = monitor.tick();

        assertThat(report.skipped()).containsExactly("slow-queries", "replication");
        assertThat(report.active()).as("no condition of the monitor's own").isEmpty();
        assertThat(alerts.lines()).as("the guard's alert, once").containsExactly("CRITICAL Database unavailable");
    }

    @Test
    void the_cores_monitor_runs_every_check_on_a_healthy_database() throws Exception {
        DatabasePools pools = DatabasePools.open(db.url(), Optional.empty(), ComponentPoolSizes.DESIGN, TIMEOUT);
        closing.add(pools);
        Settings settings = Settings.fromEnvironment().withDatabase(db.url());
        Settings withReplica = new Settings(settings.databaseUrl(), settings.poolSize(), settings.timeout(),
                settings.sslMode(), settings.embedded(), Optional.of(db.url()), settings.trading(), settings.broker(),
                settings.alerts(), settings.monitoring());
        WriteLatencies latencies = new WriteLatencies();
        latencies.fillTook(Duration.ofMillis(3).toNanos());
        HealthMonitor monitor = CoreHealthChecks.monitor(withReplica, db.url(), Optional.empty(), pools, guard,
                latencies::fillsSinceLastInterval, alerts, clock);
        closing.add(monitor);

        HealthMonitor.Report report = monitor.tick();

        assertThat(report.skipped()).isEmpty();
        assertThat(report.keys()).as("no check failed to run; no standby streams from the test server")
                .doesNotContain("check-failing:write-latency", "check-failing:pool-utilization",
                        "check-failing:disk-space", "check-failing:replication", "check-failing:slow-queries")
                .contains("replication-not-streaming")
                .doesNotContain("write-latency", "slow-queries");
    }
}
