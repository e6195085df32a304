package dev.tradingcore.adapters.postgres.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension giving a test class its own freshly migrated database, dropped when the class is done:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MigratedDatabase db = new MigratedDatabase();
 * }</pre>
 *
 * Register it as a static field: one database per class keeps the suite fast, so tests in a class must not depend on
 * each other's rows (use distinct symbols or ids per test).
 */
public final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {

    private String name;
    private HikariDataSource dataSource;
    private PostgresPersistence persistence;

    @Override
    public void beforeAll(ExtensionContext context) {
        name = TemplateDatabase.createFresh();
        DatabaseUrl url = url();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(16);
        config.setPoolName("test-" + name);
        dataSource = new HikariDataSource(config);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dataSource != null) {
            dataSource.close();
        }
        if (name != null) {
            TemplateDatabase.drop(name);
        }
    }

    /** The database's name on the test server. */
    public String name() {
        return requireStarted(name);
    }

    /** Where the database is, as the server's administrative user (a superuser on the embedded server). */
    public DatabaseUrl url() {
        return PostgresServer.get().urlOf(requireStarted(name));
    }

    /** The pgjdbc URL, without credentials. */
    public String jdbcUrl() {
        return url().jdbcUrl();
    }

    /** A pool of up to 16 connections to the database as the administrative user. */
    public DataSource dataSource() {
        return requireStarted(dataSource);
    }

    /** The adapter's ports over this database, unguarded (failures reach the test as the driver raised them). */
    public synchronized PostgresPersistence persistence() {
        if (persistence == null) {
            persistence = new PostgresPersistence(dataSource());
        }
        return persistence;
    }

    /** A new connection from the pool; close it. */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    private static <T> T requireStarted(T value) {
        if (value == null) {
            throw new IllegalStateException("MigratedDatabase is used before its class started: register it with"
                    + " @RegisterExtension on a static field");
        }
        return value;
    }
}
