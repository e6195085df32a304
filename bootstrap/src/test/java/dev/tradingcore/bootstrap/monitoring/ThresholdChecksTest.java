package dev.tradingcore.bootstrap.monitoring;

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
import dev.tradingcore.application.health.Condition;
import dev.tradingcore.application.health.HealthCheck;
import dev.tradingcore.application.health.WriteLatencyCheck;
import dev.tradingcore.bootstrap.cdi.WriteLatencies;

/** The write latency threshold over the core's own fill latencies (WriteLatencies, kept by bootstrap for the run summary). */
class ThresholdChecksTest {

    @Test
    void write_latency_is_critical_when_the_intervals_p99_is_above_100_ms_and_an_empty_interval_says_nothing()
            throws Exception {
        WriteLatencies latencies = new WriteLatencies();
        WriteLatencyCheck check = new WriteLatencyCheck(latencies::fillsSinceLastInterval, Duration.ofMillis(100));

        assertThatThrownBy(check::check).isInstanceOf(HealthCheck.NothingToMeasure.class);

        for (int i = 0; i < 98; i++) {
            latencies.fillTook(TimeUnit.MILLISECONDS.toNanos(5));
        }
        latencies.fillTook(TimeUnit.MILLISECONDS.toNanos(150));
        latencies.fillTook(TimeUnit.MILLISECONDS.toNanos(160));
        List<Condition> slow = check.check();
        assertThat(slow).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("write-latency");
            assertThat(c.severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(c.context()).containsEntry("fills", "100");
            assertThat(Long.parseLong(c.context().get("p99_ms"))).isBetween(149L, 151L);
        });

        // The next interval starts empty: only what was recorded since the last look counts.
        for (int i = 0; i < 100; i++) {
            latencies.fillTook(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(check.check()).isEmpty();
        assertThat(latencies.describeFills()).startsWith("n=200");
    }
}
