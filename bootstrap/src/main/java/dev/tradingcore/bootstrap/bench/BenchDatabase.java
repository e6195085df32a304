package dev.tradingcore.bootstrap.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.connection.ComponentPoolSizes;
import dev.tradingcore.adapters.postgres.connection.ConnectionPools;
import dev.tradingcore.adapters.postgres.connection.DatabaseComponent;
import dev.tradingcore.adapters.postgres.connection.DatabasePools;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.connection.PoolSettings;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.adapters.postgres.resilience.GuardSettings;
import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.database.DatabaseServer;
import dev.tradingcore.domain.port.AlertSink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The bench's own database: created on the configured server (or the embedded one), migrated by the production
 * migrator, wired as bootstrap wires the core (one pool per component, the guard, the guarded persistence facade),
 * plus one baseline pool with the execution pool's settings for the plain-JDBC paths. Dropped on close unless kept.
 */
final class BenchDatabase implements AutoCloseable {

    private final DatabaseServer server;
    private final DatabaseUrl url;
    private final String name;
    private final DatabasePools pools;
    private final DatabaseGuard guard;
    private final PostgresPersistence persistence;
    private final HikariDataSource baseline;
    private final boolean keep;
    private final Duration timeout;

    private BenchDatabase(DatabaseServer server, DatabaseUrl url, String name, DatabasePools pools, DatabaseGuard guard,
            PostgresPersistence persistence, HikariDataSource baseline, boolean keep, Duration timeout) {
        this.server = server;
        this.url = url;
        this.name = name;
        this.pools = pools;
        this.guard = guard;
        this.persistence = persistence;
        this.baseline = baseline;
        this.keep = keep;
        this.timeout = timeout;
    }

    static BenchDatabase create(Settings settings, AlertSink alerts, Clock clock, boolean keep) throws SQLException {
        DatabaseServer server = DatabaseServer.start(settings);
        String name = "trading_core_bench_"
                + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneOffset.UTC).format(clock.instant());
        try {
            try (Connection admin = connect(server.url()); Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            DatabaseUrl url = server.url().withDatabase(name);
            DatabasePools pools = DatabasePools.open(url, Optional.empty(), ComponentPoolSizes.DESIGN,
                    settings.timeout(), settings.replication());
            new SchemaMigrator(pools.execution()).migrate();
            DatabaseGuard guard = new DatabaseGuard("primary", GuardSettings.forTimeout(settings.timeout()), alerts,
                    clock).probingWith(pools.execution());
            PostgresPersistence persistence = new PostgresPersistence(pools, guard);
            HikariDataSource baseline = ConnectionPools.open(url, new PoolSettings("bench-baseline",
                    ComponentPoolSizes.DESIGN.of(DatabaseComponent.EXECUTION), settings.timeout(), false,
                    settings.replication().synchronousCommit()));
            return new BenchDatabase(server, url, name, pools, guard, persistence, baseline, keep, settings.timeout());
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A plain connection to a database (no statement timeout: bulk loads run longer than the pools allow). */
    static Connection connect(DatabaseUrl where) throws SQLException {
        Properties props = new Properties();
        where.user().ifPresent(u -> props.setProperty("user", u));
        where.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "trading-core/bench");
        return DriverManager.getConnection(where.jdbcUrl(), props);
    }

    /** A plain connection to the bench database, for loading data and EXPLAIN. */
    Connection connect() throws SQLException {
        return connect(url);
    }

    String name() {
        return name;
    }

    String describeServer() {
        return server.isEmbedded() ? "embedded PostgreSQL" : server.url().redacted();
    }

    DatabasePools pools() {
        return pools;
    }

    PostgresPersistence persistence() {
        return persistence;
    }

    DatabaseGuard guard() {
        return guard;
    }

    /** The plain-JDBC paths' pool: the execution pool's size and settings. */
    DataSource baseline() {
        return baseline;
    }

    Duration timeout() {
        return timeout;
    }

    @Override
    public void close() throws SQLException {
        try {
            baseline.close();
            guard.close();
            pools.close();
            if (!keep) {
                try (Connection admin = connect(server.url()); Statement st = admin.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
        } finally {
            server.close();
        }
    }
}
