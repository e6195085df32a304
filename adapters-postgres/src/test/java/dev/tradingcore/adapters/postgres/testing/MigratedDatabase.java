package dev.tradingcore.adapters.postgres.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.Mappers;
import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.mybatis.SessionFactories;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.ibatis.session.SqlSessionFactory;
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
 *
 * <p><b>Two kinds of access.</b> What the adapters do runs as the application: {@link #dataSource()},
 * {@link #url()}, {@link #sessions()}, {@link #persistence()} and {@link #connectAsApplication()} connect as
 * {@link PostgresServer#APPLICATION_LOGIN}, a login that is a member of {@value #APPLICATION_ROLE} and has nothing of its
 * own, as production's application login (docs/design-notes.md, "Roles and privileges"). So each statement an adapter
 * issues is checked against exactly the grants of migration V4 (no UPDATE or DELETE of audit rows, INSERT-only risk
 * snapshots, no DDL...), and so is any pool a test builds from {@link #url()}. The test's own set-up and checks, which
 * may need more (reading Flyway's history, creating a trigger, revoking a grant...), use the administrator:
 * {@link #connect()}, {@link #adminDataSource()}, {@link #adminUrl()}.
 */
public final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {

    /** The role whose grants the application's statements run with. */
    public static final String APPLICATION_ROLE = "trading_app";

    private String name;
    private HikariDataSource adminDataSource;
    private HikariDataSource applicationDataSource;
    private SqlSessionFactory sessions;
    private PostgresPersistence persistence;

    @Override
    public void beforeAll(ExtensionContext context) {
        name = TemplateDatabase.createFresh();
        adminDataSource = pool(adminUrl(), 16, "test-" + name);
        applicationDataSource = pool(url(), 16, "app-" + name);
        sessions = SessionFactories.create("application", applicationDataSource, Mappers.ALL);
    }

    private static HikariDataSource pool(DatabaseUrl url, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (applicationDataSource != null) {
            applicationDataSource.close();
        }
        if (adminDataSource != null) {
            adminDataSource.close();
        }
        if (name != null) {
            TemplateDatabase.drop(name);
        }
    }

    /** The database's name on the test server. */
    public String name() {
        return requireStarted(name);
    }

    /**
     * Where the database is, for pools of the code under test: as {@link PostgresServer#APPLICATION_LOGIN}, a member
     * of {@value #APPLICATION_ROLE} with no rights of its own.
     */
    public DatabaseUrl url() {
        return PostgresServer.get().applicationUrlOf(requireStarted(name));
    }

    /** Where the database is, as the server's administrative user (a superuser on the embedded server). */
    public DatabaseUrl adminUrl() {
        return PostgresServer.get().urlOf(requireStarted(name));
    }

    /** The pgjdbc URL, without credentials, of the application's connections. */
    public String jdbcUrl() {
        return url().jdbcUrl();
    }

    /** A pool of up to 16 connections acting as {@value #APPLICATION_ROLE}: give this one to the code under test. */
    public DataSource dataSource() {
        return requireStarted(applicationDataSource);
    }

    /** A pool of up to 16 connections as the administrative user, for the test's own set-up and checks. */
    public DataSource adminDataSource() {
        return requireStarted(adminDataSource);
    }

    /** MyBatis sessions over {@link #dataSource()}, knowing every mapper of the adapter. */
    public SqlSessionFactory sessions() {
        return requireStarted(sessions);
    }

    /**
     * The adapter's ports over {@link #dataSource()} (as the application), unguarded: failures reach the test as the
     * driver raised them.
     */
    public synchronized PostgresPersistence persistence() {
        if (persistence == null) {
            persistence = new PostgresPersistence(dataSource());
        }
        return persistence;
    }

    /** A new connection as the administrative user, for the test's own set-up and checks; close it. */
    public Connection connect() throws SQLException {
        return adminDataSource().getConnection();
    }

    /** A new connection acting as {@value #APPLICATION_ROLE}; close it. */
    public Connection connectAsApplication() throws SQLException {
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
