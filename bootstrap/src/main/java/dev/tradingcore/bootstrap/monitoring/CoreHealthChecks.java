package dev.tradingcore.bootstrap.monitoring;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.connection.ConnectionPools;
import dev.tradingcore.adapters.postgres.connection.DatabasePools;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.connection.PoolSettings;
import dev.tradingcore.adapters.postgres.monitoring.DataDirectory;
import dev.tradingcore.adapters.postgres.monitoring.LocalDiskSpace;
import dev.tradingcore.adapters.postgres.monitoring.PostgresActivity;
import dev.tradingcore.adapters.postgres.resilience.BreakerState;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.application.health.HealthMonitor;
import dev.tradingcore.application.health.LatencyWindow;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.port.AlertSink;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wires the core's health monitor: the application's checks ({@link dev.tradingcore.application.health.CoreHealthChecks})
 * over adapters-postgres' answers, read through a pool of their own (one connection, {@code trading-core/monitoring},
 * closed with the monitor) and through the database guard.
 */
public final class CoreHealthChecks {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HealthMonitor.class);

    private CoreHealthChecks() {}

    /** What the checks read, opened for the core: the monitoring pool, its activity reader and the local disk. */
    public record Sources(HikariDataSource pool, PostgresActivity activity, LocalDiskSpace disk) {}

    /** Opens the monitoring pool and what reads through it. */
    public static Sources open(Settings settings, DatabaseUrl database, Optional<Path> embeddedDataDirectory,
            DatabaseGuard guard) {
        HikariDataSource pool = ConnectionPools.open(database, new PoolSettings("monitoring", 1, settings.timeout(),
                true));
        PostgresActivity activity = new PostgresActivity(pool, Optional.of(guard));
        Supplier<Optional<Path>> dataDirectory = embeddedDataDirectory.map(DataDirectory::embedded)
                .orElseGet(() -> DataDirectory.configured(database.hosts(), activity::dataDirectory));
        return new Sources(pool, activity, new LocalDiskSpace(dataDirectory));
    }

    /**
     * @param database where the database is
     * @param embeddedDataDirectory the embedded server's data directory, when the core started one
     */
    public static HealthMonitor monitor(Settings settings, DatabaseUrl database, Optional<Path> embeddedDataDirectory,
            DatabasePools pools, DatabaseGuard guard, Supplier<LatencyWindow> writeLatencies, AlertSink alerts,
            Clock clock) {
        return monitor(settings, open(settings, database, embeddedDataDirectory, guard), pools, guard,
                writeLatencies, new Incidents(alerts, clock), clock);
    }

    /** The monitor over {@code sources}, raising its conditions as incidents of {@code incidents} (the core's). */
    public static HealthMonitor monitor(Settings settings, Sources sources, DatabasePools pools, DatabaseGuard guard,
            Supplier<LatencyWindow> writeLatencies, Incidents incidents, Clock clock) {
        Settings.Monitoring m = settings.monitoring();
        var checks = dev.tradingcore.application.health.CoreHealthChecks.all(thresholds(m), writeLatencies, pools,
                sources.disk(), sources.activity(), settings.replicaUrl().isPresent());
        return new HealthMonitor(checks, incidents, clock, () -> guard.status().state() == BreakerState.CLOSED,
                m.interval()).resolvingAfter(m.resolveAfterRounds()).logging(LOG::warn).closing(sources.pool());
    }

    /** The configured thresholds, as the application's checks take them. */
    public static dev.tradingcore.application.health.CoreHealthChecks.Thresholds thresholds(Settings.Monitoring m) {
        return new dev.tradingcore.application.health.CoreHealthChecks.Thresholds(m.writeLatencyP99(),
                m.poolUtilizationPercent(), m.diskFreeWarningPercent(), m.diskFreeCriticalPercent(),
                m.replicationLagWarning(), m.replicationLagCritical(), m.slowQuery(),
                new dev.tradingcore.application.health.Hysteresis(m.resolveMarginPercent(), m.resolveAfterRounds()));
    }
}
