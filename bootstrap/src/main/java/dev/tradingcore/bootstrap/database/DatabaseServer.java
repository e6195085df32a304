package dev.tradingcore.bootstrap.database;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.embedded.EmbeddedPostgresServer;
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

    /** The database created on the embedded server. */
    public static final String EMBEDDED_DATABASE = "trading_core";

    private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);

    private final DatabaseUrl url;
    private final Optional<EmbeddedPostgresServer> embedded;

    private DatabaseServer(DatabaseUrl url, Optional<EmbeddedPostgresServer> embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    /** Uses the configured database, or starts the embedded one and makes sure its database exists. */
    public static DatabaseServer start(Settings settings) {
        if (settings.databaseUrl().isPresent()) {
            return new DatabaseServer(settings.databaseUrl().get(), Optional.empty());
        }
        Settings.Embedded where = settings.embedded();
        log.info("No DATABASE_URL configured: starting the embedded PostgreSQL in {} on port {}",
                where.dataDirectory(), where.port());
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(where.dataDirectory(), where.port());
        try {
            createDatabaseIfMissing(server);
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException("the embedded PostgreSQL started but its database could not be created", e);
        }
        DatabaseUrl url = DatabaseUrl.parse(server.jdbcUrl(EMBEDDED_DATABASE) + "?user=" + server.superuser());
        return new DatabaseServer(url, Optional.of(server));
    }

    private static void createDatabaseIfMissing(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), null);
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, EMBEDDED_DATABASE);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
            }
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
