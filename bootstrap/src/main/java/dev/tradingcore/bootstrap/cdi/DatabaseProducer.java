package dev.tradingcore.bootstrap.cdi;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.connection.ConnectionPools;
import dev.tradingcore.adapters.postgres.connection.PoolSettings;
import dev.tradingcore.adapters.postgres.schema.DatabaseStatus;
import dev.tradingcore.adapters.postgres.schema.PartitionMaintenance;
import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.database.DatabaseServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the database: the server (configured or embedded), its pool, the migrator and the status probe. */
@ApplicationScoped
public class DatabaseProducer {

    @Produces
    @Singleton
    DatabaseServer server(Settings settings) {
        return DatabaseServer.start(settings);
    }

    void stop(@Disposes DatabaseServer server) {
        server.close();
    }

    @Produces
    @Singleton
    HikariDataSource primaryPool(DatabaseServer server, Settings settings) {
        return ConnectionPools.open(server.url(),
                new PoolSettings("execution", settings.poolSize(), settings.timeout(), false));
    }

    void close(@Disposes HikariDataSource pool) {
        pool.close();
    }

    @Produces
    SchemaMigrator migrator(HikariDataSource pool) {
        return new SchemaMigrator(pool);
    }

    @Produces
    PartitionMaintenance partitionMaintenance(HikariDataSource pool) {
        return new PartitionMaintenance(pool);
    }

    @Produces
    DatabaseStatus status(HikariDataSource pool) {
        return new DatabaseStatus(pool);
    }
}
