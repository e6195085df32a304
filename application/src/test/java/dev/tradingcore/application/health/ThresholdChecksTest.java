package dev.tradingcore.application.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.DatabaseActivity;
import dev.tradingcore.domain.port.DiskSpace;
import dev.tradingcore.domain.port.PoolUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each threshold with inputs the test controls. */
class ThresholdChecksTest {

    @Test
    void exactly_at_the_threshold_is_not_above_it() throws Exception {
        WriteLatencyCheck check = new WriteLatencyCheck(() -> new LatencyWindow(10, Duration.ofMillis(100),
                Duration.ofMillis(100)), Duration.ofMillis(100));
        assertThat(check.check()).as("not above; within the 10 % resolve margin, so it keeps an open incident open")
                .singleElement().extracting(Condition::marginal).isEqualTo(true);
        WriteLatencyCheck back = new WriteLatencyCheck(() -> new LatencyWindow(10, Duration.ofMillis(90),
                Duration.ofMillis(100)), Duration.ofMillis(100));
        assertThat(back.check()).as("at the resolve level, 90 ms: healthy").isEmpty();
    }

    /** What raises: the conditions over their thresholds, not the marginal ones. */
    private static List<Condition> over(List<Condition> found) {
        return found.stream().filter(c -> !c.marginal()).toList();
    }

    @Test
    void a_pool_is_a_warning_above_80_percent_of_its_maximum() {
        AtomicReference<List<PoolUsage.Pool>> metrics = new AtomicReference<>(List.of(
                new PoolUsage.Pool("execution", 4, 1, 5, 0, 5),
                new PoolUsage.Pool("analytics", 8, 2, 10, 0, 10),
                new PoolUsage.Pool("risk", 3, 0, 3, 2, 3)));
        PoolUtilizationCheck check = new PoolUtilizationCheck(metrics::get, 80);

        List<Condition> found = check.check();

        assertThat(over(found)).as("4/5 and 8/10 are 80 %, not above").extracting(Condition::key)
                .containsExactly("pool:risk");
        assertThat(found).filteredOn(Condition::marginal).as("80 % is above the resolve level, 72 %")
                .extracting(Condition::key).containsExactly("pool:execution", "pool:analytics");
        assertThat(over(found).get(0).severity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(over(found).get(0).message()).contains("3 of its 3", "100 %", "2 thread(s) waiting");
        metrics.set(List.of(new PoolUsage.Pool("execution", 5, 0, 5, 0, 5)));
        assertThat(check.check()).extracting(Condition::key).containsExactly("pool:execution");
        metrics.set(List.of(new PoolUsage.Pool("analytics", 7, 3, 10, 0, 10)));
        assertThat(check.check()).as("70 % is under 72 %: healthy").isEmpty();
    }

    @Test
    void disk_space_is_a_warning_below_20_percent_free_and_critical_below_10() throws Exception {
        AtomicReference<Optional<DiskSpace.Usage>> usage = new AtomicReference<>();
        DiskSpaceCheck check = new DiskSpaceCheck(usage::get, 20, 10);
        Path data = Path.of("/var/lib/postgresql/data");

        usage.set(Optional.of(new DiskSpace.Usage(data.toString(), 1000, 200)));
        assertThat(check.check()).as("20 % free is not below 20 %, but below the resolve level, 22 %")
                .singleElement().extracting(Condition::marginal).isEqualTo(true);
        usage.set(Optional.of(new DiskSpace.Usage(data.toString(), 1000, 220)));
        assertThat(check.check()).as("22 % free: healthy").isEmpty();
        usage.set(Optional.of(new DiskSpace.Usage(data.toString(), 1000, 199)));
        assertThat(check.check()).singleElement().satisfies(c -> {
            assertThat(c.severity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(c.title()).isEqualTo("Database disk below 20 % free");
            assertThat(c.context()).containsEntry("free_percent", "19").containsEntry("path", data.toString());
        });
        usage.set(Optional.of(new DiskSpace.Usage(data.toString(), 1000, 100)));
        assertThat(check.check()).singleElement().extracting(Condition::severity).isEqualTo(AlertSeverity.WARNING);
        usage.set(Optional.of(new DiskSpace.Usage(data.toString(), 1000, 99)));
        assertThat(check.check()).singleElement().extracting(Condition::severity).isEqualTo(AlertSeverity.CRITICAL);
        usage.set(Optional.empty());
        assertThatThrownBy(check::check).as("no local data directory").isInstanceOf(
                HealthCheck.NothingToMeasure.class);
    }

    @Test
    void replication_lag_is_a_warning_above_5_s_critical_above_10_s_and_no_standby_is_a_warning() throws Exception {
        AtomicReference<List<DatabaseActivity.Replica>> replicas = new AtomicReference<>(List.of());
        ReplicationLagCheck check = new ReplicationLagCheck(replicas::get, Duration.ofSeconds(5),
                Duration.ofSeconds(10));

        assertThat(check.check()).extracting(Condition::key, Condition::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("replication-not-streaming",
                        AlertSeverity.WARNING));

        replicas.set(List.of(replica("a", null), replica("b", Duration.ofSeconds(5))));
        assertThat(check.check()).as("idle standby (NULL lag) and exactly 5 s: not above, above the resolve level")
                .singleElement().extracting(Condition::marginal).isEqualTo(true);
        replicas.set(List.of(replica("a", null), replica("b", Duration.ofMillis(4500))));
        assertThat(check.check()).as("4.5 s: healthy").isEmpty();
        replicas.set(List.of(replica("a", Duration.ofMillis(5001)), replica("b", Duration.ofSeconds(1))));
        assertThat(check.check()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("replication-lag");
            assertThat(c.severity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(c.context()).containsEntry("replica", "a@10.0.0.2").containsEntry("lag_ms", "5001");
        });
        replicas.set(List.of(replica("a", Duration.ofSeconds(2)), replica("b", Duration.ofSeconds(11))));
        assertThat(check.check()).singleElement().satisfies(c -> {
            assertThat(c.severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(c.context()).containsEntry("replica", "b@10.0.0.2");
        });
    }

    private static DatabaseActivity.Replica replica(String name, Duration lag) {
        return new DatabaseActivity.Replica(name, "10.0.0.2", "streaming", Optional.ofNullable(lag));
    }

    @Test
    void slow_queries_name_the_longest() throws Exception {
        SlowQueryCheck check = new SlowQueryCheck(threshold -> List.of(
                new DatabaseActivity.RunningQuery(11, "trading-core/risk", Duration.ofMillis(1500), "SELECT 1"),
                new DatabaseActivity.RunningQuery(12, "trading-core/execution", Duration.ofMillis(2500),
                        "UPDATE   orders\n SET x = $1")), Duration.ofSeconds(1));
        assertThat(check.check()).singleElement().satisfies(c -> {
            assertThat(c.severity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(c.context()).containsEntry("count", "2").containsEntry("pid", "12")
                    .containsEntry("longest_ms", "2500");
            assertThat(c.message()).contains("UPDATE orders SET x = $1", "2.5 s");
        });
        assertThat(new SlowQueryCheck(threshold -> List.of(), Duration.ofSeconds(1)).check()).isEmpty();
    }
}
