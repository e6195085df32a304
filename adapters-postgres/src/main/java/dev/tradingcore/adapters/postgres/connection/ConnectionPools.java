package dev.tradingcore.adapters.postgres.connection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Properties;

/**
 * Builds HikariCP pools whose every wait is bounded.
 *
 * <p>pgjdbc's default socket timeout is infinite: a connection whose peer vanished without a FIN (a pulled cable, a
 * firewall dropping state) blocks its thread forever. Each pool therefore bounds the pool wait, the connect, the
 * socket read and the server-side statement, all derived from one timeout so that an operator sets one number.
 */
public final class ConnectionPools {

    private ConnectionPools() {}

    /** How much longer than the timeout a socket read may wait: the server's own statement timeout answers first. */
    static final Duration READ_MARGIN = Duration.ofMillis(500);

    /**
     * Opens a pool to {@code url} (connections are made lazily, so this succeeds while the server is down).
     *
     * <p>Every step a thread can wait in stays within the timeout and a second: the pool wait is the timeout less a
     * quarter second, plus at most one validity check of a second (pgjdbc's {@code isValid} counts whole seconds);
     * a socket read gives up half a second after the server's statement timeout. A dead network therefore surfaces
     * as an error within the bound, in whichever step it catches the thread.
     */
    public static HikariDataSource open(DatabaseUrl url, PoolSettings settings) {
        return open(url, settings, () -> { });
    }

    /**
     * As {@link #open(DatabaseUrl, PoolSettings)}, calling {@code onEviction} whenever a failure showed that the pool's
     * server is gone or no longer the primary and the pool dropped its connections (see {@link FailoverEviction}).
     */
    public static HikariDataSource open(DatabaseUrl url, PoolSettings settings, Runnable onEviction) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(settings.name());
        config.setMaximumPoolSize(settings.maximumSize());
        config.setMinimumIdle(Math.min(2, settings.maximumSize()));
        config.setReadOnly(settings.readOnly());
        config.setAutoCommit(true);

        Duration timeout = settings.timeout();
        long timeoutSeconds = Math.max(1, timeout.toSeconds());
        config.setConnectionTimeout(Math.max(250, timeout.toMillis() - 250));
        config.setValidationTimeout(Math.max(250, Math.min(timeout.toMillis(), 1_000)));
        // Fail fast at start-up is not wanted: the core must come up, serve cached positions and report the outage.
        config.setInitializationFailTimeout(-1);
        config.setKeepaliveTime(Duration.ofSeconds(60).toMillis());
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());

        Properties properties = new Properties();
        url.user().ifPresent(user -> properties.setProperty("user", user));
        url.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "trading-core/" + settings.name());
        properties.setProperty("connectTimeout", Long.toString(timeoutSeconds));
        properties.setProperty("loginTimeout", Long.toString(timeoutSeconds));
        // Whole seconds for the driver; BoundedReadDataSource then sets the read timeout in milliseconds.
        properties.setProperty("socketTimeout", Long.toString(timeoutSeconds + 1));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("reWriteBatchedInserts", "true");
        if (settings.readOnly()) {
            // pgjdbc's default readOnlyMode=transaction ignores read-only on autocommit statements; "always" makes
            // every statement of a read-only pool read-only, so a report cannot write even on the primary.
            properties.setProperty("readOnlyMode", "always");
        }
        properties.setProperty("options", "-c statement_timeout=" + timeout.toMillis()
                + " -c lock_timeout=" + timeout.toMillis()
                + " -c idle_in_transaction_session_timeout=" + Math.max(60_000, timeout.toMillis() * 6)
                + settings.synchronousCommit().map(level -> " -c synchronous_commit=" + level).orElse(""));
        config.setDataSource(new BoundedReadDataSource(url.jdbcUrl(), properties,
                Math.toIntExact(timeout.plus(READ_MARGIN).toMillis())));
        FailoverEviction eviction = new FailoverEviction(!settings.readOnly());
        eviction.onEviction(onEviction);
        config.setExceptionOverride(eviction);
        HikariDataSource pool = new HikariDataSource(config);
        eviction.attach(pool);
        return pool;
    }
}
