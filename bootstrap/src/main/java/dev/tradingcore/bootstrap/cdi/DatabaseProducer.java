package dev.tradingcore.bootstrap.cdi;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.connection.ComponentPoolSizes;
import dev.tradingcore.adapters.postgres.connection.DatabasePools;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.adapters.postgres.resilience.GuardSettings;
import dev.tradingcore.adapters.postgres.schema.DatabaseStatus;
import dev.tradingcore.adapters.postgres.schema.PartitionMaintenance;
import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.database.DatabaseServer;
import dev.tradingcore.domain.port.AlertSink;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import dev.tradingcore.adapters.postgres.report.PostgresTradingDayReads;
import dev.tradingcore.domain.report.TradingDayReads;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The database: one pool per component on the server {@code CoreContainer} started (configured or embedded) (the design's table), the guard that
 * every port call runs through, and the schema tools.
 */
@ApplicationScoped
public class DatabaseProducer {

    @Produces
    @Singleton
    DatabasePools pools(DatabaseServer server, Settings settings,
            jakarta.enterprise.inject.Instance<io.micrometer.prometheusmetrics.PrometheusMeterRegistry> registry) {
        DatabasePools pools = DatabasePools.open(server.url(), settings.replicaUrl(), ComponentPoolSizes.DESIGN,
                settings.timeout(), settings.replication());
        // HikariCP's own Micrometer tracker, for every pool: only in the trading container, which has a registry.
        if (registry.isResolvable()) {
            pools.trackWith(new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry.get()));
        }
        return pools;
    }

    void close(@Disposes DatabasePools pools) {
        pools.close();
    }

    @Produces
    @Singleton
    DatabaseGuard guard(DatabaseServer server, DatabasePools pools, Settings settings, AlertSink alerts,
            Clock clock, jakarta.enterprise.inject.Instance<dev.tradingcore.application.metrics.CoreMetrics> metrics) {
        DatabaseGuard guard = new DatabaseGuard("primary", GuardSettings.forTimeout(settings.timeout()), alerts, clock)
                .at(server.url().hosts() + "/" + server.url().database())
                .probingWith(pools.execution(), Optional.of(PostgresPersistence.WRITE_PROBE));
        if (metrics.isResolvable()) {
            dev.tradingcore.application.metrics.CoreMetrics counted = metrics.get();
            guard.onTransition(t -> counted.breakerTransition(t.to().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return guard;
    }

    void close(@Disposes DatabaseGuard guard) {
        guard.close();
    }

    @Produces
    @Singleton
    PostgresPersistence persistence(DatabasePools pools, DatabaseGuard guard) {
        return new PostgresPersistence(pools, guard);
    }

    @Produces
    SchemaMigrator migrator(DatabasePools pools) {
        return new SchemaMigrator(pools.execution());
    }

    @Produces
    PartitionMaintenance partitionMaintenance(DatabasePools pools) {
        return new PartitionMaintenance(pools.execution());
    }

    /** The report's reads go to the analytics pool: the replica when one is configured, else the primary. */
    @Produces
    TradingDayReads tradingDayReads(DatabasePools pools) {
        return new PostgresTradingDayReads(pools.analytics());
    }

    /** One per container: it remembers what its previous round saw (the sealed horizon moves by observation). */
    @Produces
    @Singleton
    dev.tradingcore.domain.audit.seal.AuditSealer auditSealer(DatabasePools pools, Clock clock) {
        return new dev.tradingcore.adapters.postgres.audit.seal.PostgresAuditSealer(pools.execution(), clock);
    }

    @Produces
    dev.tradingcore.adapters.postgres.audit.seal.PostgresAuditVerification auditVerification(DatabasePools pools) {
        return new dev.tradingcore.adapters.postgres.audit.seal.PostgresAuditVerification(pools.execution());
    }

    @Produces
    dev.tradingcore.adapters.postgres.audit.seal.AuditExport auditExport(DatabasePools pools) {
        return new dev.tradingcore.adapters.postgres.audit.seal.AuditExport(pools.execution());
    }

    @Produces
    DatabaseStatus status(DatabasePools pools) {
        return new DatabaseStatus(pools.execution());
    }
}
