package dev.tradingcore.adapters.postgres.testing;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.embedded.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The one PostgreSQL server the tests of this JVM use, chosen once, in this order:
 * <ol>
 *   <li>{@code TEST_DATABASE_URL} when set (either URL form; it must name a database the user may connect to and a
 *       user allowed to create databases and roles, e.g. {@code postgresql://postgres@127.0.0.1:5432/postgres});</li>
 *   <li>a Testcontainers PostgreSQL 15 when a Docker engine answers;</li>
 *   <li>an embedded PostgreSQL 15 from Maven Central binaries.</li>
 * </ol>
 * Tests never use the server's databases directly: they get fresh ones from {@link TemplateDatabase}.
 */
public final class PostgresServer {

    /**
     * The login the code under test connects as: a member of {@code trading_app} and nothing else, as production's
     * application login (created with the migrated template, see {@link TemplateDatabase}).
     */
    public static final String APPLICATION_LOGIN = "trading_app_test";

    /** Its password (a test server's: the login can do only what {@code trading_app} may). */
    static final String APPLICATION_PASSWORD = "trading_app_test";

    /** The environment variable that points the tests at an existing server. */
    public static final String TEST_DATABASE_URL = "TEST_DATABASE_URL";

    private static volatile PostgresServer instance;

    private final DatabaseUrl adminUrl;
    private final String description;

    private PostgresServer(DatabaseUrl adminUrl, String description) {
        this.adminUrl = adminUrl;
        this.description = description;
    }

    /** The server, started on first use and stopped when the JVM exits. */
    public static PostgresServer get() {
        PostgresServer server = instance;
        if (server == null) {
            synchronized (PostgresServer.class) {
                server = instance;
                if (server == null) {
                    server = start();
                    instance = server;
                }
            }
        }
        return server;
    }

    private static PostgresServer start() {
        String configured = System.getenv(TEST_DATABASE_URL);
        if (configured != null && !configured.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(configured);
            return new PostgresServer(url, "TEST_DATABASE_URL " + url.redacted());
        }
        if (dockerLooksPresent() && DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-test-postgres"));
            DatabaseUrl url = DatabaseUrl.parse(container.getJdbcUrl() + "?user=" + container.getUsername()
                    + "&password=" + container.getPassword());
            return new PostgresServer(url, "Testcontainers " + container.getDockerImageName());
        }
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.startTemporary();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "stop-embedded-postgres"));
        DatabaseUrl url = DatabaseUrl.parse(embedded.jdbcUrl("postgres") + "?user=" + embedded.superuser());
        return new PostgresServer(url, "embedded PostgreSQL on port " + embedded.port());
    }

    /**
     * Asking Testcontainers on a machine with no engine costs seconds of probing and a page of warnings; a socket or
     * DOCKER_HOST is the cheap sign that an engine may be there.
     */
    private static boolean dockerLooksPresent() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    }

    /** The server's administrative database, reached as a user who may create databases. */
    public DatabaseUrl adminUrl() {
        return adminUrl;
    }

    /** A database on this server, reached as the same administrative user. */
    public DatabaseUrl urlOf(String database) {
        return adminUrl.withDatabase(database);
    }

    /**
     * A database on this server reached as {@link #APPLICATION_LOGIN}: the application's rights, no more. The database
     * must come from {@link TemplateDatabase#createFresh()} (which creates the login).
     */
    public DatabaseUrl applicationUrlOf(String database) {
        String jdbc = urlOf(database).jdbcUrl();
        return DatabaseUrl.parse(jdbc + (jdbc.contains("?") ? '&' : '?') + "user=" + APPLICATION_LOGIN + "&password="
                + APPLICATION_PASSWORD);
    }

    /** Opens a connection to a database of this server as the administrative user. */
    public Connection connect(String database) throws SQLException {
        DatabaseUrl url = urlOf(database);
        Properties props = new Properties();
        url.user().ifPresent(u -> props.setProperty("user", u));
        url.password().ifPresent(p -> props.setProperty("password", p));
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    /** Opens a connection to the administrative database. */
    public Connection connectAdmin() throws SQLException {
        return connect(adminUrl.database());
    }

    @Override
    public String toString() {
        return description;
    }
}
