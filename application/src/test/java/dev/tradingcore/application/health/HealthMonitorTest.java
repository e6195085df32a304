package dev.tradingcore.application.health;

import dev.tradingcore.domain.port.DatabaseActivity;
import dev.tradingcore.domain.port.DiskSpace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T15:00:00Z"));
    private final RecordingAlerts alerts = new RecordingAlerts();

    /** A check that answers what the test says, or throws. */
    static class Scripted implements HealthCheck {
        final String name;
        final boolean database;
        List<Condition> next = List.of();
        Exception failure;
        int runs;

        Scripted(String name, boolean database) {
            this.name = name;
            this.database = database;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean needsDatabase() {
            return database;
        }

        @Override
        public List<Condition> check() throws Exception {
            runs++;
            if (failure != null) {
                throw failure;
            }
            return next;
        }
    }

    private static Condition disk(AlertSeverity severity) {
        return Condition.of("disk-space", severity, "Database disk low", "some % free", "path", "/data");
    }

    @Test
    void a_condition_alerts_once_when_it_starts_again_when_it_worsens_and_once_when_it_clears() {
        Scripted check = new Scripted("disk-space", false);
        HealthMonitor monitor = new HealthMonitor(List.of(check), alerts, clock, () -> true, Duration.ofSeconds(30));

        monitor.tick();
        assertThat(alerts.takeLines()).as("all is well").isEmpty();

        check.next = List.of(disk(AlertSeverity.WARNING));
        monitor.tick();
        clock.advance(Duration.ofSeconds(30));
        monitor.tick();
        monitor.tick();
        assertThat(alerts.lines()).as("raised once, not every tick").containsExactly("WARNING Database disk low");
        Alert raised = alerts.alerts.get(0);
        assertThat(raised.context().get("condition").get()).isEqualTo("disk-space");
        assertThat(raised.context().get("state").get()).isEqualTo("raised");
        assertThat(raised.context().get("path").get()).isEqualTo("/data");
        assertThat(raised.at()).isEqualTo(Instant.parse("2026-11-23T15:00:00Z"));
        alerts.takeLines();

        check.next = List.of(disk(AlertSeverity.CRITICAL));
        monitor.tick();
        monitor.tick();
        assertThat(alerts.lines()).as("escalated once").containsExactly("CRITICAL Database disk low");
        assertThat(alerts.alerts.get(0).message()).contains("was WARNING since 2026-11-23T15:00:00Z");
        alerts.takeLines();
        assertThat(monitor.lastReport().keys()).containsExactly("disk-space");
        assertThat(monitor.lastReport().active().values()).containsExactly(Instant.parse("2026-11-23T15:00:00Z"));

        clock.advance(Duration.ofSeconds(30));
        check.next = List.of();
        monitor.tick();
        monitor.tick();
        assertThat(alerts.lines()).containsExactly("INFO Resolved: Database disk low");
        assertThat(alerts.alerts.get(0).context().get("state").get()).isEqualTo("resolved");
        assertThat(alerts.alerts.get(0).context().get("incident").get()).isEqualTo("health/disk-space");
        assertThat(alerts.alerts.get(0).context().get("occurrences").get()).as("every check that found it")
                .isEqualTo("5");
        assertThat(alerts.alerts.get(0).message()).contains("CRITICAL at worst", "found by 5 check(s)");
        assertThat(alerts.alerts.get(0).at()).isEqualTo(Instant.parse("2026-11-23T15:01:00Z"));
        assertThat(monitor.lastReport().active()).isEmpty();
    }

    @Test
    void a_severity_that_flaps_at_its_boundary_is_alerted_when_it_first_gets_worse_only() {
        Scripted check = new Scripted("disk-space", false);
        HealthMonitor monitor = new HealthMonitor(List.of(check), alerts, clock, () -> true, Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) {
            check.next = List.of(disk(i % 2 == 0 ? AlertSeverity.WARNING : AlertSeverity.CRITICAL));
            monitor.tick();
        }
        check.next = List.of();
        monitor.tick();

        assertThat(alerts.lines()).containsExactly("WARNING Database disk low", "CRITICAL Database disk low",
                "INFO Resolved: Database disk low");
        assertThat(alerts.alerts.get(1).context().get("incident_state").get()).isEqualTo("escalated");
        assertThat(alerts.alerts.get(2).context().get("occurrences").get()).isEqualTo("10");
    }

    @Test
    void conditions_of_one_check_come_and_go_independently() {
        Scripted pools = new Scripted("pool-utilization", false);
        HealthMonitor monitor = new HealthMonitor(List.of(pools), alerts, clock, () -> true, Duration.ofSeconds(1));
        Condition execution = Condition.of("pool:execution", AlertSeverity.WARNING, "execution busy", "5 of 5");
        Condition risk = Condition.of("pool:risk", AlertSeverity.WARNING, "risk busy", "3 of 3");

        pools.next = List.of(execution);
        monitor.tick();
        pools.next = List.of(execution, risk);
        monitor.tick();
        pools.next = List.of(risk);
        monitor.tick();

        assertThat(alerts.lines()).containsExactly("WARNING execution busy", "WARNING risk busy",
                "INFO Resolved: execution busy");
    }

    @Test
    void checks_that_read_the_database_are_skipped_while_the_guard_is_open_and_keep_their_conditions() {
        Scripted slow = new Scripted("slow-queries", true);
        Scripted latency = new Scripted("write-latency", false);
        AtomicBoolean database = new AtomicBoolean(true);
        HealthMonitor monitor = new HealthMonitor(List.of(slow, latency), alerts, clock, database::get,
                Duration.ofSeconds(1));
        slow.next = List.of(Condition.of("slow-queries", AlertSeverity.WARNING, "Slow queries", "1 running"));
        monitor.tick();
        assertThat(alerts.takeLines()).containsExactly("WARNING Slow queries");

        database.set(false);
        slow.next = List.of();
        HealthMonitor.Report report = monitor.tick();

        assertThat(slow.runs).as("not run while the database is unavailable").isEqualTo(1);
        assertThat(latency.runs).isEqualTo(2);
        assertThat(report.skipped()).containsExactly("slow-queries");
        assertThat(report.keys()).as("kept: an unreachable database says nothing").containsExactly("slow-queries");
        assertThat(alerts.lines()).as("no alert of the monitor's own about the database").isEmpty();

        database.set(true);
        monitor.tick();
        assertThat(alerts.lines()).containsExactly("INFO Resolved: Slow queries");
    }

    @Test
    void a_check_that_cannot_run_is_a_warning_once_and_keeps_what_it_found_before() {
        Scripted replication = new Scripted("replication", true);
        HealthMonitor monitor = new HealthMonitor(List.of(replication), alerts, clock, () -> true,
                Duration.ofSeconds(1));
        replication.next = List.of(Condition.of("replication-lag", AlertSeverity.CRITICAL, "Lag", "12 s"));
        monitor.tick();
        replication.failure = new java.sql.SQLException("permission denied for view pg_stat_replication");
        monitor.tick();
        monitor.tick();

        assertThat(alerts.takeLines()).containsExactly("CRITICAL Lag", "WARNING Health check replication cannot run");
        assertThat(alerts.lines()).isEmpty();
        assertThat(monitor.lastReport().keys()).containsExactly("replication-lag", "check-failing:replication");

        replication.failure = null;
        replication.next = List.of();
        monitor.tick();
        assertThat(alerts.lines()).containsExactlyInAnyOrder("INFO Resolved: Health check replication cannot run",
                "INFO Resolved: Lag");
    }

    @Test
    void nothing_to_measure_changes_nothing() {
        Scripted latency = new Scripted("write-latency", false) {
            @Override
            public List<Condition> check() throws Exception {
                runs++;
                if (runs > 1) {
                    throw new NothingToMeasure("no fills");
                }
                return List.of(Condition.of("write-latency", AlertSeverity.CRITICAL, "Write latency", "p99 150"));
            }
        };
        HealthMonitor monitor = new HealthMonitor(List.of(latency), alerts, clock, () -> true, Duration.ofSeconds(1));
        monitor.tick();
        monitor.tick();
        monitor.tick();
        assertThat(alerts.lines()).containsExactly("CRITICAL Write latency");
        assertThat(monitor.lastReport().keys()).containsExactly("write-latency");
    }

    @Test
    void a_throwing_sink_does_not_stop_the_monitor() {
        Scripted check = new Scripted("disk-space", false);
        List<String> seen = new ArrayList<>();
        HealthMonitor monitor = new HealthMonitor(List.of(check), alert -> {
            seen.add(alert.title());
            throw new IllegalStateException("sink down");
        }, clock, () -> true, Duration.ofSeconds(1));
        check.next = List.of(disk(AlertSeverity.WARNING));
        monitor.tick();
        check.next = List.of();
        monitor.tick();
        assertThat(seen).containsExactly("Database disk low", "Resolved: Database disk low");
    }

    @Test
    void started_it_ticks_on_its_own_and_close_closes_its_resources() throws Exception {
        Scripted check = new Scripted("disk-space", false);
        check.next = List.of(disk(AlertSeverity.WARNING));
        AtomicBoolean closed = new AtomicBoolean();
        HealthMonitor monitor = new HealthMonitor(List.of(check), alerts, clock, () -> true, Duration.ofMillis(20))
                .closing(() -> closed.set(true));
        monitor.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (alerts.lines().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        monitor.close();
        assertThat(alerts.lines()).containsExactly("WARNING Database disk low");
        assertThat(closed).isTrue();
    }
}
