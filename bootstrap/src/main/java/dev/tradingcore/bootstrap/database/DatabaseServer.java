package dev.tradingcore.bootstrap.database;

import dev.tradingcore.adapters.postgres.connection.ConnectionCheck;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.embedded.EmbeddedPostgresServer;
import dev.tradingcore.bootstrap.config.ConfigurationException;
import dev.tradingcore.bootstrap.config.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database trading-core works on: the configured one, or, when none is configured, an embedded server with a
 * persistent data directory under the user's home, so that a new user needs nothing installed but a JDK.
 */
public final class DatabaseServer implements AutoCloseable {

    /** The database created on the embedded server when {@code EMBEDDED_DATABASE} names none. */
    public static final String EMBEDDED_DATABASE = Settings.Embedded.DEFAULT_DATABASE;

    private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);

    private final DatabaseUrl url;
    private final Optional<EmbeddedPostgresServer> embedded;

    private DatabaseServer(DatabaseUrl url, Optional<EmbeddedPostgresServer> embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    /**
     * Uses the configured database, or starts the embedded one and makes sure its database exists. A configured
     * database is connected to once first, within the timeout, so that one that cannot be reached is reported in
     * one line saying what to do, before any pool waits for it.
     *
     * @throws DatabaseUnreachableException when the configured database cannot be reached
     */
    public static DatabaseServer start(Settings settings) {
        if (settings.databaseUrl().isPresent()) {
            DatabaseUrl url = settings.databaseUrl().get();
            ConnectionCheck.attempt(url, settings.timeout()).ifPresent(problem -> {
                throw DatabaseUnreachableException.of(problem, url, settings.timeout());
            });
            return new DatabaseServer(url, Optional.empty());
        }
        Settings.Embedded where = settings.embedded();
        log.info("No DATABASE_URL configured: starting the embedded PostgreSQL in {} on port {}",
                where.dataDirectory(), where.port());
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(where.dataDirectory(), where.port());
        boolean exists;
        try {
            exists = createDatabaseIfMissing(server, where.database());
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException("the embedded PostgreSQL started but its database could not be created", e);
        }
        if (!exists) {
            server.close();
            throw new ConfigurationException("EMBEDDED_DATABASE (embedded.database) names '" + where.database()
                    + "', which the embedded server in " + where.dataDirectory() + " does not hold (only '"
                    + EMBEDDED_DATABASE + "' is created by itself; others come from restore)");
        }
        DatabaseUrl url = DatabaseUrl.parse(server.jdbcUrl(where.database()) + "?user=" + server.superuser());
        return new DatabaseServer(url, Optional.of(server));
    }

    /** Creates the default database when missing; another one must exist. Whether it exists (now). */
    private static boolean createDatabaseIfMissing(EmbeddedPostgresServer server, String database)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), null);
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return true;
                }
            }
            if (!database.equals(EMBEDDED_DATABASE)) {
                return false;
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
            }
            return true;
        }
    }

    public DatabaseUrl url() {
        return url;
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedPostgresServer::close);
    }
}
