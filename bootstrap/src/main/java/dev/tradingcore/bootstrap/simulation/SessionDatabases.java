package dev.tradingcore.bootstrap.simulation;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.connection.ConnectionPools;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.connection.PoolSettings;
import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

/**
 * A database for each session on one server: the production migrations run once into a template, and each session
 * gets a copy ({@code CREATE DATABASE ... TEMPLATE}, milliseconds), dropped when the session ends.
 */
final class SessionDatabases implements AutoCloseable {

    private final DatabaseUrl server;
    private final String prefix;
    private final String template;

    /** @param server a database on the server, reached as a user who may create databases */
    SessionDatabases(DatabaseUrl server) throws SQLException {
        this.server = server;
        this.prefix = "tc_sim_" + UUID.randomUUID().toString().substring(0, 8);
        this.template = prefix + "_template";
        execute("CREATE DATABASE " + template);
        try (HikariDataSource pool = ConnectionPools.open(server.withDatabase(template), new PoolSettings(
                "simulation-migrate", 3, Duration.ofSeconds(30), false))) {
            new SchemaMigrator(pool).migrate();
        }
    }

    /** A fresh, migrated database for the session of {@code seed}, dropped when its store closes. */
    PostgresStore storeFor(long seed) {
        String name = prefix + "_" + Long.toUnsignedString(seed);
        try {
            execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the session database " + name + ": " + e.getMessage(), e);
        }
        return new PostgresStore(server.withDatabase(name), () -> drop(name));
    }

    private void drop(String name) {
        try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the session database " + name + ": " + e.getMessage(), e);
        }
    }

    private synchronized void execute(String sql) throws SQLException {
        Properties props = new Properties();
        server.user().ifPresent(u -> props.setProperty("user", u));
        server.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "trading-core/simulate");
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), props);
                Statement st = admin.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        drop(template);
    }
}
