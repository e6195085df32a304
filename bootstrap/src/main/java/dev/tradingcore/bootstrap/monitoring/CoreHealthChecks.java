package dev.tradingcore.bootstrap.monitoring;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.connection.ConnectionPools;
import dev.tradingcore.adapters.postgres.connection.DatabasePools;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.connection.PoolSettings;
import dev.tradingcore.adapters.postgres.resilience.BreakerState;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.port.AlertSink;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The core's health monitor: every check of the design's list, fed by the core's own parts.
 *
 * <ul>
 *   <li>write latency of the fill transactions over the last interval (the core's {@code WriteLatencies});</li>
 *   <li>pool utilization from {@link DatabasePools#metrics()};</li>
 *   <li>disk space of the data directory ({@link DataDirectory}: the embedded server's, or a local server's);</li>
 *   <li>replication lag, only when {@code DATABASE_REPLICA_URL} is set;</li>
 *   <li>slow queries from {@code pg_stat_activity};</li>
 *   <li>database availability: the guard's (it alerts itself); the statistics queries run through it, so a database
 *       that went away while the core was idle is noticed at the next tick.</li>
 * </ul>
 * The statistics queries use a pool of their own (one connection, {@code trading-core/monitoring}), closed with the
 * monitor.
 */
public final class CoreHealthChecks {

    private CoreHealthChecks() {}

    /**
     * @param database where the database is
     * @param embeddedDataDirectory the embedded server's data directory, when the core started one
     */
    public static HealthMonitor monitor(Settings settings, DatabaseUrl database, Optional<Path> embeddedDataDirectory,
            DatabasePools pools, DatabaseGuard guard, Supplier<LatencyWindow> writeLatencies, AlertSink alerts,
            Clock clock) {
        return monitor(settings, database, embeddedDataDirectory, pools, guard, writeLatencies,
                new Incidents(alerts, clock), clock);
    }

    /** The same, raising its conditions as incidents of {@code incidents} (the core's: one list of what is open). */
    public static HealthMonitor monitor(Settings settings, DatabaseUrl database, Optional<Path> embeddedDataDirectory,
            DatabasePools pools, DatabaseGuard guard, Supplier<LatencyWindow> writeLatencies, Incidents incidents,
            Clock clock) {
        Settings.Monitoring thresholds = settings.monitoring();
        HikariDataSource pool = ConnectionPools.open(database, new PoolSettings("monitoring", 1, settings.timeout(),
                true));
        PostgresActivity activity = new PostgresActivity(pool, Optional.of(guard));
        Supplier<Optional<Path>> dataDirectory = embeddedDataDirectory.map(DataDirectory::embedded)
                .orElseGet(() -> DataDirectory.configured(database.hosts(), activity::dataDirectory));
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(new WriteLatencyCheck(writeLatencies, thresholds.writeLatencyP99()));
        checks.add(new PoolUtilizationCheck(pools::metrics, thresholds.poolUtilizationPercent()));
        checks.add(new DiskSpaceCheck(DiskSpace.ofDirectory(dataDirectory), thresholds.diskFreeWarningPercent(),
                thresholds.diskFreeCriticalPercent()));
        if (settings.replicaUrl().isPresent()) {
            checks.add(new ReplicationLagCheck(activity::replicas, thresholds.replicationLagWarning(),
                    thresholds.replicationLagCritical()));
        }
        checks.add(new SlowQueryCheck(activity::runningLongerThan, thresholds.slowQuery()));
        HealthMonitor monitor = new HealthMonitor(checks, incidents, clock,
                () -> guard.status().state() == BreakerState.CLOSED, thresholds.interval());
        return monitor.closing(pool);
    }
}
