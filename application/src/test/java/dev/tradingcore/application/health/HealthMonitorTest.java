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
import java.util.concurrent.atomic.AtomicReference;
import dev.tradingcore.domain.port.PoolUsage;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

    private final dev.tradingcore.domain.fixtures.TestClock clock = new dev.tradingcore.domain.fixtures.TestClock(Instant.parse("2026-11-23T15:00:00Z"));
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
        assertThat(alerts.lines()).as("two healthy checks: not yet (the design's 3 in a row)").isEmpty();
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
        HealthMonitor monitor = new HealthMonitor(List.of(check), alerts, clock, () -> true, Duration.ofSeconds(1))
                .resolvingAfter(1);
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
        HealthMonitor monitor = new HealthMonitor(List.of(pools), alerts, clock, () -> true, Duration.ofSeconds(1))
                .resolvingAfter(1);
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
                Duration.ofSeconds(1)).resolvingAfter(1);
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
                Duration.ofSeconds(1)).resolvingAfter(1);
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
        }, clock, () -> true, Duration.ofSeconds(1)).resolvingAfter(1);
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

    /**
     * A figure oscillating around its threshold for many rounds: above it, then exactly at it (not above: before
     * hysteresis that resolved), and so on; then at the threshold for several rounds (still within the resolve
     * margin); then clearly under it. An operator wants one raise, no resolve while the figure hovers at the limit,
     * and one resolve only after the design's 3 consecutive rounds clearly under the resolve level (10 % of the
     * threshold on the healthy side).
     */
    private <T> void flapsAroundItsThresholdThenClears(HealthCheck check, AtomicReference<T> figure, T above,
            T atThreshold, T clearlyUnder) {
        HealthMonitor monitor = new HealthMonitor(List.of(check), alerts, clock, () -> true, Duration.ofSeconds(30));
        for (int round = 0; round < 10; round++) {
            figure.set(above);
            monitor.tick();
            clock.advance(Duration.ofSeconds(30));
            figure.set(atThreshold);
            monitor.tick();
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(states()).as("20 rounds at the limit: one incident, still open").containsExactly("raised");
        for (int round = 0; round < 5; round++) {
            monitor.tick();
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(states()).as("at the threshold is not clearly under it").containsExactly("raised");
        figure.set(clearlyUnder);
        monitor.tick();
        monitor.tick();
        assertThat(states()).as("two healthy rounds are not yet enough").containsExactly("raised");
        assertThat(monitor.lastReport().active()).hasSize(1);
        monitor.tick();
        assertThat(states()).as("the third healthy round in a row resolves").containsExactly("raised", "resolved");
        assertThat(alerts.alerts.get(1).context().get("occurrences").get()).as("the rounds above the threshold")
                .isEqualTo("10");
        assertThat(monitor.lastReport().active()).isEmpty();
    }

    /** The monitor's state of each alert, in order ("raised", "resolved", "escalated"). */
    private List<String> states() {
        return alerts.alerts.stream().map(a -> a.context().get("state").get()).toList();
    }

    @Test
    void a_pool_flapping_around_its_threshold_is_one_incident_resolved_once_clearly_under_it() {
        AtomicReference<Integer> lent = new AtomicReference<>();
        flapsAroundItsThresholdThenClears(new PoolUtilizationCheck(
                () -> List.of(new PoolUsage.Pool("audit", lent.get(), 10 - lent.get(), 10, 0, 10)), 80),
                lent, 9, 8, 7);
    }

    @Test
    void free_disk_flapping_around_its_threshold_is_one_incident_resolved_once_clearly_above_it() {
        AtomicReference<Long> free = new AtomicReference<>();
        flapsAroundItsThresholdThenClears(new DiskSpaceCheck(
                () -> java.util.Optional.of(new DiskSpace.Usage("/data", 1000, free.get())), 20, 10),
                free, 199L, 200L, 230L);
    }

    @Test
    void replication_lag_flapping_around_its_threshold_is_one_incident_resolved_once_clearly_under_it() {
        AtomicReference<Duration> lag = new AtomicReference<>();
        flapsAroundItsThresholdThenClears(new ReplicationLagCheck(() -> List.of(new DatabaseActivity.Replica(
                "standby-1", "10.0.0.2", "streaming", java.util.Optional.of(lag.get()))), Duration.ofSeconds(5),
                Duration.ofSeconds(10)), lag, Duration.ofMillis(5001), Duration.ofSeconds(5), Duration.ofSeconds(4));
    }

    @Test
    void write_latency_flapping_around_its_threshold_is_one_incident_resolved_once_clearly_under_it() {
        AtomicReference<Duration> p99 = new AtomicReference<>();
        flapsAroundItsThresholdThenClears(new WriteLatencyCheck(() -> new LatencyWindow(100, p99.get(), p99.get()),
                Duration.ofMillis(100)), p99, Duration.ofMillis(101), Duration.ofMillis(100), Duration.ofMillis(80));
    }

    @Test
    void a_statement_flapping_around_the_slow_query_threshold_is_one_incident_resolved_once_clearly_under_it() {
        AtomicReference<Duration> running = new AtomicReference<>();
        // Answers as pg_stat_activity would: the statements running longer than the duration asked about.
        flapsAroundItsThresholdThenClears(new SlowQueryCheck(longerThan -> running.get().compareTo(longerThan) > 0
                ? List.of(new DatabaseActivity.RunningQuery(7, "trading-core/execution", running.get(), "UPDATE x"))
                : List.of(), Duration.ofSeconds(1)), running, Duration.ofMillis(1050), Duration.ofSeconds(1),
                Duration.ofMillis(800));
    }

    @Test
    void a_check_that_fails_every_other_tick_is_one_cannot_run_warning_resolved_after_three_good_ticks() {
        Scripted replication = new Scripted("replication", true);
        HealthMonitor monitor = new HealthMonitor(List.of(replication), alerts, clock, () -> true,
                Duration.ofSeconds(30));
        for (int round = 0; round < 10; round++) {
            replication.failure = round % 2 == 1 ? new java.sql.SQLException("canceling statement due to statement"
                    + " timeout") : null;
            monitor.tick();
        }
        replication.failure = null;
        monitor.tick();
        monitor.tick();
        assertThat(alerts.lines()).as("one warning, still open after two good checks")
                .containsExactly("WARNING Health check replication cannot run");
        monitor.tick();
        assertThat(alerts.lines()).containsExactly("WARNING Health check replication cannot run",
                "INFO Resolved: Health check replication cannot run");
    }

    /**
     * Every alert is audited through the audit pool: a pool check that ran after another check's alert in the same
     * tick would find that pool busy with the monitor's own alert (the feedback that once raised pool:audit on its
     * own). Every check of a tick measures before any alert of the tick is sent.
     */
    @Test
    void a_tick_measures_every_check_before_it_alerts() {
        AtomicBoolean auditWriting = new AtomicBoolean();
        Scripted latency = new Scripted("write-latency", false);
        latency.next = List.of(Condition.of("write-latency", AlertSeverity.CRITICAL, "Write latency", "p99 150"));
        PoolUtilizationCheck pools = new PoolUtilizationCheck(() -> List.of(new PoolUsage.Pool("audit",
                auditWriting.get() ? 1 : 0, auditWriting.get() ? 1 : 2, 2, 0, 2)), 1);
        HealthMonitor monitor = new HealthMonitor(List.of(latency, pools), alert -> {
            alerts.send(alert);
            // The audit logger takes an audit connection to write the alert's audit line.
            auditWriting.set(true);
        }, clock, () -> true, Duration.ofSeconds(30));

        monitor.tick();

        assertThat(alerts.lines()).containsExactly("CRITICAL Write latency");
        assertThat(monitor.lastReport().keys()).containsExactly("write-latency");
    }
}
