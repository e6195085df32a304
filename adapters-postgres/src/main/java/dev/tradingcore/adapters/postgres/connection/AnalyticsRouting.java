package dev.tradingcore.adapters.postgres.connection;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Analytics connections on the replica while it is healthy, on the primary (read-only) while it is not.
 *
 * <p>Healthy means: it answers, it is a standby, and it is not further behind than the bound. The lag is measured
 * every interval on a background thread, never on a caller's: the primary's WAL position is noted with the time it was
 * noted, and the replica lags by the age of the oldest noted position it has not replayed yet. That is "how old is
 * what the replica shows", to the precision of one interval, measured with one monotonic clock, and it does not grow
 * on an idle system (as {@code now() - pg_last_xact_replay_timestamp()} does when nothing commits). The bytes behind
 * are the primary's current position less the replica's replay position.
 *
 * <p>Crossing from one side to the other is logged once (a warning when analytics leave the replica, an info line when
 * they return), not at every sample. A caller whose replica connection fails between two samples gets a primary
 * connection at once, and the route falls back until the next healthy sample.
 */
public final class AnalyticsRouting implements AutoCloseable {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(AnalyticsRouting.class);

    /** How many noted primary positions are kept: a lag longer than this many intervals is still seen as one. */
    private static final int MAX_NOTED = 10_000;

    private static final int VALIDITY_SECONDS = 1;

    private final DataSource replica;
    private final DataSource primary;
    private final Duration maxLag;
    private final Deque<Noted> noted = new ArrayDeque<>();
    private final ScheduledExecutorService sampler;
    private final DataSource dataSource = proxy();
    private volatile AnalyticsRoute route = AnalyticsRoute.primary("the replica was not measured yet",
            Optional.empty());

    private record Noted(long lsn, long nanos) {}

    /**
     * @param replica read-only connections to the replica only (pgjdbc {@code targetServerType=secondary})
     * @param primary read-only connections to the primary
     * @param maxLag the most the replica may be behind for analytics to read from it
     * @param interval how often the lag is measured
     */
    public AnalyticsRouting(DataSource replica, DataSource primary, Duration maxLag, Duration interval) {
        this.replica = Objects.requireNonNull(replica, "replica");
        this.primary = Objects.requireNonNull(primary, "primary");
        this.maxLag = Objects.requireNonNull(maxLag, "maxLag");
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "analytics-replica-lag");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Where analytics read now, and why. */
    public AnalyticsRoute route() {
        return route;
    }

    /** The bound on the replica's lag. */
    public Duration maxLag() {
        return maxLag;
    }

    /** Measures once and routes by the result (the background sampler calls it; tests may too). */
    public synchronized void sample() {
        ReplicaLag lag;
        try {
            lag = measure();
        } catch (SQLException | RuntimeException e) {
            fallBack("the replica does not answer (" + e.getMessage() + ")", Optional.empty());
            return;
        }
        if (lag.behind().compareTo(maxLag) > 0) {
            fallBack("the replica lags " + lag.describe() + ", more than the bound of " + maxLag.toMillis()
                    + " ms", Optional.of(lag));
        } else {
            AnalyticsRoute previous = route;
            route = AnalyticsRoute.replica(lag);
            if (!previous.onReplica()) {
                LOG.info("Analytics read from the replica again (lag {}); they had read from the primary because {}",
                        lag.describe(), previous.reason());
            }
        }
    }

    private void fallBack(String reason, Optional<ReplicaLag> lag) {
        AnalyticsRoute previous = route;
        route = AnalyticsRoute.primary(reason, lag);
        if (previous.onReplica()) {
            LOG.warn("Analytics read from the primary until the replica is healthy again: {}", reason);
        }
    }

    private ReplicaLag measure() throws SQLException {
        long replayed;
        try (Connection c = replica.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery(),"
                        + " pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new SQLException("it is not a standby (pg_is_in_recovery() is false)");
            }
            replayed = rs.getLong(2);
        }
        long current;
        try (Connection c = primary.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            current = rs.getLong(1);
        }
        long now = System.nanoTime();
        if (noted.isEmpty() || noted.peekLast().lsn() < current) {
            noted.addLast(new Noted(current, now));
            if (noted.size() > MAX_NOTED) {
                noted.removeFirst();
            }
        }
        while (!noted.isEmpty() && noted.peekFirst().lsn() <= replayed) {
            noted.removeFirst();
        }
        Duration behind = noted.isEmpty() ? Duration.ZERO : Duration.ofNanos(now - noted.peekFirst().nanos());
        return new ReplicaLag(Math.max(0, current - replayed), behind);
    }

    /** A connection to the replica while it is healthy, else to the primary. */
    public Connection getConnection() throws SQLException {
        if (route.onReplica()) {
            try {
                Connection connection = replica.getConnection();
                // HikariCP skips its own check for a connection used within the last half second: a replica that
                // stopped just now would fail the caller's first read. One round trip per report is cheap.
                if (connection.isValid(VALIDITY_SECONDS)) {
                    return connection;
                }
                if (replica instanceof com.zaxxer.hikari.HikariDataSource pool) {
                    pool.evictConnection(connection); // and its siblings: they reach the same server
                    pool.getHikariPoolMXBean().softEvictConnections();
                } else {
                    connection.close();
                }
                throw new SQLException("a replica connection failed its validity check", "08006");
            } catch (SQLException e) {
                synchronized (this) {
                    fallBack("the replica refused a connection (" + e.getMessage() + ")", Optional.empty());
                }
            }
        }
        return primary.getConnection();
    }

    /**
     * This routing as a {@link DataSource} for MyBatis and plain JDBC: {@code getConnection()} routes, the other
     * methods of the interface are not for analytics callers. (A dynamic proxy rather than an implementation: the
     * interface's {@code getParentLogger} would tie this class to java.util.logging, which the house keeps out.)
     */
    public DataSource asDataSource() {
        return dataSource;
    }

    private DataSource proxy() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> {
                        if (args != null && args.length > 0) {
                            throw new SQLFeatureNotSupportedException("analytics connections use the pool's login");
                        }
                        yield getConnection();
                    }
                    case "unwrap" -> {
                        if (((Class<?>) args[0]).isInstance(this)) {
                            yield this;
                        }
                        throw new SQLException("not a wrapper of " + args[0]);
                    }
                    case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(this);
                    case "getLoginTimeout" -> 0;
                    case "getLogWriter" -> null;
                    case "setLogWriter", "setLoginTimeout" -> null;
                    case "toString" -> "analytics routing (replica while healthy, else primary)";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new SQLFeatureNotSupportedException(method.getName());
                });
    }

    /** Stops measuring (the pools themselves are closed by their owner). */
    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
