package dev.tradingcore.adapters.postgres.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.Mappers;
import dev.tradingcore.adapters.postgres.mybatis.SessionFactories;
import javax.sql.DataSource;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The application's privileges in a test: a small pool over a {@link MigratedDatabase} whose every connection runs
 * {@code SET ROLE trading_app} when it opens, so each statement a repository issues through it is checked against
 * the grants production has (no UPDATE or DELETE of audit rows, INSERT-only risk snapshots...). Register it after
 * the database, so it closes before the database is dropped:
 *
 * <pre>{@code
 * @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();
 * @RegisterExtension static final AppRole app = new AppRole(db);
 * }</pre>
 */
public final class AppRole implements BeforeAllCallback, AfterAllCallback {

    private final MigratedDatabase database;
    private HikariDataSource dataSource;
    private SqlSessionFactory sessions;

    public AppRole(MigratedDatabase database) {
        this.database = database;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        DatabaseUrl url = database.url();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setConnectionInitSql("SET ROLE trading_app");
        config.setMaximumPoolSize(4);
        config.setPoolName("app-" + database.name());
        dataSource = new HikariDataSource(config);
        sessions = SessionFactories.create("app-role", dataSource, Mappers.ALL);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    /** Connections acting as {@code trading_app}. */
    public DataSource dataSource() {
        return requireStarted(dataSource);
    }

    /** MyBatis sessions, knowing every mapper of the adapter, acting as {@code trading_app}. */
    public SqlSessionFactory sessions() {
        return requireStarted(sessions);
    }

    private static <T> T requireStarted(T value) {
        if (value == null) {
            throw new IllegalStateException("AppRole is used before its class started: register it with"
                    + " @RegisterExtension on a static field, after its MigratedDatabase");
        }
        return value;
    }
}
