package dev.tradingcore.adapters.postgres.connection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/**
 * Builds HikariCP pools whose every wait is bounded.
 *
 * <p>pgjdbc's default socket timeout is infinite: a connection whose peer vanished without a FIN (a pulled cable, a
 * firewall dropping state) blocks its thread forever. Each pool therefore bounds the pool wait, the connect, the
 * socket read and the server-side statement, all derived from one timeout so that an operator sets one number.
 */
public final class ConnectionPools {

    private ConnectionPools() {}

    /** Opens a pool to {@code url} (connections are made lazily, so this succeeds while the server is down). */
    public static HikariDataSource open(DatabaseUrl url, PoolSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(settings.name());
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.maximumSize());
        config.setMinimumIdle(Math.min(2, settings.maximumSize()));
        config.setReadOnly(settings.readOnly());
        config.setAutoCommit(true);

        Duration timeout = settings.timeout();
        long timeoutSeconds = Math.max(1, timeout.toSeconds());
        config.setConnectionTimeout(Math.max(250, timeout.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(timeout.toMillis(), 5_000)));
        // Fail fast at start-up is not wanted: the core must come up, serve cached positions and report the outage.
        config.setInitializationFailTimeout(-1);
        config.setKeepaliveTime(Duration.ofSeconds(60).toMillis());
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());

        config.addDataSourceProperty("ApplicationName", "trading-core/" + settings.name());
        config.addDataSourceProperty("connectTimeout", Long.toString(timeoutSeconds));
        config.addDataSourceProperty("loginTimeout", Long.toString(timeoutSeconds));
        // The socket waits one second longer than the server's own statement timeout, so that a slow statement is
        // cancelled by the server (a clean error) and only a dead network trips the socket timeout; either way no
        // wait is longer than the timeout and a second.
        config.addDataSourceProperty("socketTimeout", Long.toString(timeoutSeconds + 1));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (settings.readOnly()) {
            // pgjdbc's default readOnlyMode=transaction ignores read-only on autocommit statements; "always" makes
            // every statement of a read-only pool read-only, so a report cannot write even on the primary.
            config.addDataSourceProperty("readOnlyMode", "always");
        }
        config.addDataSourceProperty("options", "-c statement_timeout=" + timeout.toMillis()
                + " -c lock_timeout=" + timeout.toMillis()
                + " -c idle_in_transaction_session_timeout=" + Math.max(60_000, timeout.toMillis() * 6));
        return new HikariDataSource(config);
    }
}
