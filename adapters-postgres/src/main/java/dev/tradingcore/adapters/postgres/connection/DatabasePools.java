package dev.tradingcore.adapters.postgres.connection;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One bounded HikariCP pool per component of the core (the design's table: execution 5, risk 3, market data 2, audit
 * 2, analytics 10), every wait bounded by one timeout (see {@link ConnectionPools}).
 *
 * <p>Analytics reads go to the replica when one is configured and healthy, and to the primary (read-only) when it is
 * down or lags more than the bound (see {@link AnalyticsRouting}): the analytics pool then connects to the replica's
 * hosts only, with pgjdbc's {@code targetServerType=secondary} (a server that is not a standby, such as a replica that
 * was promoted, is refused), and a second read-only pool, {@code analytics-fallback}, to the primary. Analytics
 * connections are read-only in every mode (pgjdbc {@code readOnlyMode=always}), so a report can never write on the
 * primary it fell back to.
 */
public final class DatabasePools implements AutoCloseable, dev.tradingcore.domain.port.PoolUsage {

    /** How long pgjdbc remembers that a host refused connections before trying it again. */
    static final int HOST_RECHECK_SECONDS = 10;

    /** How often the replica's lag is measured. */
    static final Duration LAG_SAMPLE_INTERVAL = Duration.ofMillis(500);

    /** The bound on the replica's lag when none is configured: the design's replication-lag warning. */
    public static final Duration DEFAULT_REPLICA_MAX_LAG = Duration.ofSeconds(5);

    /** The name of the read-only pool on the primary that analytics fall back to. */
    public static final String FALLBACK_POOL = "analytics-fallback";

    private final Map<DatabaseComponent, HikariDataSource> pools;
    private final DatabaseUrl analyticsUrl;
    private final Optional<HikariDataSource> fallback;
    private final Optional<AnalyticsRouting> routing;
    private final Evictions evictions;

    /** Who wants to know that a writing pool's server went away (see {@link #onServerLost(Runnable)}). */
    private static final class Evictions {
        private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

        void notifyListeners() {
            listeners.forEach(Runnable::run);
        }
    }

    private DatabasePools(Map<DatabaseComponent, HikariDataSource> pools, DatabaseUrl analyticsUrl,
            Optional<HikariDataSource> fallback, Optional<AnalyticsRouting> routing, Evictions evictions) {
        this.pools = pools;
        this.analyticsUrl = analyticsUrl;
        this.fallback = fallback;
        this.routing = routing;
        this.evictions = evictions;
    }

    /**
     * Calls {@code listener} each time a pool dropped its connections because its server went away or stopped being
     * the primary (on the failing caller's thread: hand the work to another). A failover shows first here: a fast
     * promotion may be over before the guard's breaker opens.
     */
    public void onServerLost(Runnable listener) {
        evictions.listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Opens every pool (lazily: no connection is made here, so the core starts while the database is down).
     *
     * @param primary the database of record
     * @param replica a streaming replica of it for analytics reads, if there is one; it must name the same database
     *     (a physical replica has the primary's databases) and may itself list several hosts
     * @param sizes connections per component
     * @param timeout the longest any caller waits for a connection or an answer (see {@link PoolSettings#timeout()})
     */
    public static DatabasePools open(DatabaseUrl primary, Optional<DatabaseUrl> replica, ComponentPoolSizes sizes,
            Duration timeout) {
        return open(primary, replica, sizes, timeout, ReplicationSettings.DEFAULTS);
    }

    /**
     * As {@link #open(DatabaseUrl, Optional, ComponentPoolSizes, Duration)}, analytics leaving a replica that lags
     * more than {@code replicaMaxLag}.
     */
    public static DatabasePools open(DatabaseUrl primary, Optional<DatabaseUrl> replica, ComponentPoolSizes sizes,
            Duration timeout, Duration replicaMaxLag) {
        return open(primary, replica, sizes, timeout, new ReplicationSettings(replicaMaxLag, Optional.empty()));
    }

    /**
     * As {@link #open(DatabaseUrl, Optional, ComponentPoolSizes, Duration)}, with the replication settings: the
     * replica's lag bound, and the {@code synchronous_commit} of every writing pool.
     *
     * <p>A primary URL that lists several hosts connects only to the one that takes writes (pgjdbc
     * {@code targetServerType=primary}, unless the URL chose otherwise): after a failover, the pools' connections are
     * dropped (see {@link FailoverEviction}) and the next ones find the promoted server.
     */
    public static DatabasePools open(DatabaseUrl primary, Optional<DatabaseUrl> replica, ComponentPoolSizes sizes,
            Duration timeout, ReplicationSettings replication) {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(replication, "replication");
        Duration replicaMaxLag = replication.replicaMaxLag();
        primary = writable(primary);
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(sizes, "sizes");
        DatabaseUrl analytics = analyticsUrl(primary, replica);
        Map<DatabaseComponent, HikariDataSource> pools = new EnumMap<>(DatabaseComponent.class);
        Optional<HikariDataSource> fallback = Optional.empty();
        Evictions evictions = new Evictions();
        try {
            for (DatabaseComponent component : DatabaseComponent.values()) {
                DatabaseUrl url = component == DatabaseComponent.ANALYTICS ? analytics : primary;
                PoolSettings settings = new PoolSettings(component.poolName(), sizes.of(component), timeout,
                        component.readOnly(), component.readOnly() ? Optional.empty()
                                : replication.synchronousCommit());
                pools.put(component, ConnectionPools.open(url, settings, evictions::notifyListeners));
            }
            if (replica.isPresent()) {
                fallback = Optional.of(ConnectionPools.open(primary, new PoolSettings(FALLBACK_POOL,
                        sizes.of(DatabaseComponent.ANALYTICS), timeout, true)));
            }
        } catch (RuntimeException e) {
            pools.values().forEach(HikariDataSource::close);
            throw e;
        }
        Duration maxLag = replicaMaxLag;
        Optional<AnalyticsRouting> routing = fallback.map(f -> new AnalyticsRouting(
                pools.get(DatabaseComponent.ANALYTICS), f, maxLag, LAG_SAMPLE_INTERVAL));
        return new DatabasePools(pools, analytics, fallback, routing, evictions);
    }

    /**
     * A URL of several hosts with no {@code targetServerType} of its own gets {@code primary}: pgjdbc's default,
     * {@code any}, would take the first server that answers, a standby included. pgjdbc also remembers for
     * {@code hostRecheckSeconds} (10 s by default) that a host was a standby: a replica promoted a moment after it was
     * asked would be passed over for that long, so a multi-host primary URL rechecks every second.
     */
    static DatabaseUrl writable(DatabaseUrl url) {
        if (!url.hosts().contains(",")) {
            return url;
        }
        DatabaseUrl writable = url;
        if (url.parameter("targetServerType").isEmpty()) {
            writable = writable.withParameter("targetServerType", "primary");
        }
        if (url.parameter("hostRecheckSeconds").isEmpty()) {
            writable = writable.withParameter("hostRecheckSeconds", "1");
        }
        return writable;
    }

    /**
     * Where the analytics pool connects: the primary when there is no replica; otherwise the replica's hosts only,
     * with {@code targetServerType=secondary}. The replica's own parameters win over the primary's; the credentials
     * are the primary's (a physical replica has the same roles).
     */
    static DatabaseUrl analyticsUrl(DatabaseUrl primary, Optional<DatabaseUrl> replica) {
        if (replica.isEmpty()) {
            return primary;
        }
        DatabaseUrl standby = replica.get();
        if (!standby.database().equals(primary.database())) {
            throw new IllegalArgumentException("the replica must name the primary's database '" + primary.database()
                    + "' (a streaming replica has the same databases), got '" + standby.database() + "'");
        }
        if (standby.user().isPresent() && !standby.user().equals(primary.user())) {
            throw new IllegalArgumentException("the replica must be reached as the primary's user (a streaming replica"
                    + " has the same roles), got user '" + standby.user().get() + "'");
        }
        DatabaseUrl routed = primary.withHosts(standby.hosts());
        for (Map.Entry<String, String> parameter : standby.parameters().entrySet()) {
            routed = routed.withParameter(parameter.getKey(), parameter.getValue());
        }
        return routed.withParameter("targetServerType", "secondary")
                .withParameter("hostRecheckSeconds", Integer.toString(HOST_RECHECK_SECONDS));
    }

    /** The pool of one component. */
    public DataSource pool(DatabaseComponent component) {
        return pools.get(Objects.requireNonNull(component, "component"));
    }

    /** The trading path's pool on the primary: orders, fills, positions. */
    public DataSource execution() {
        return pool(DatabaseComponent.EXECUTION);
    }

    public DataSource risk() {
        return pool(DatabaseComponent.RISK);
    }

    public DataSource marketData() {
        return pool(DatabaseComponent.MARKET_DATA);
    }

    public DataSource audit() {
        return pool(DatabaseComponent.AUDIT);
    }

    /**
     * Read-only connections for reads that may be slightly behind: to the replica while it is healthy, else to the
     * primary.
     */
    public DataSource analytics() {
        return routing.map(AnalyticsRouting::asDataSource).orElseGet(() -> pool(DatabaseComponent.ANALYTICS));
    }

    /** Where analytics read now, when a replica is configured. */
    public Optional<AnalyticsRoute> analyticsRoute() {
        return routing.map(AnalyticsRouting::route);
    }

    /** The routing of analytics reads, when a replica is configured (tests sample it on demand). */
    public Optional<AnalyticsRouting> analyticsRouting() {
        return routing;
    }

    /** The URL the analytics pool connects with (without password), for {@code status}. */
    public DatabaseUrl analyticsUrl() {
        return analyticsUrl;
    }

    /** Every pool's occupancy now, in the order of {@link DatabaseComponent}. */
    public List<PoolMetrics> metrics() {
        List<PoolMetrics> metrics = new ArrayList<>(pools.size());
        for (Map.Entry<DatabaseComponent, HikariDataSource> entry : pools.entrySet()) {
            metrics.add(metricsOf(entry.getKey().poolName(), entry.getValue()));
        }
        fallback.ifPresent(f -> metrics.add(metricsOf(FALLBACK_POOL, f)));
        return List.copyOf(metrics);
    }

    /** {@link #metrics()} as the health checks read it. */
    @Override
    public List<dev.tradingcore.domain.port.PoolUsage.Pool> now() {
        return metrics().stream().map(m -> new dev.tradingcore.domain.port.PoolUsage.Pool(m.pool(), m.active(), m.idle(),
                m.total(), m.waiting(), m.maximum())).toList();
    }

    /**
     * Reports every pool's use to HikariCP's metrics tracker (its Micrometer tracker in the core: connections
     * active, idle, pending, acquire and usage times, per pool). Set once, on open pools.
     */
    public void trackWith(com.zaxxer.hikari.metrics.MetricsTrackerFactory tracker) {
        pools.values().forEach(pool -> pool.setMetricsTrackerFactory(tracker));
        fallback.ifPresent(pool -> pool.setMetricsTrackerFactory(tracker));
    }

    /** One HikariCP pool's occupancy now (all zero for a pool that is closed or not started yet). */
    public static PoolMetrics metricsOf(String name, HikariDataSource pool) {
        HikariPoolMXBean bean = pool.isClosed() ? null : pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolMetrics(name, 0, 0, 0, 0, pool.getMaximumPoolSize());
        }
        return new PoolMetrics(name, bean.getActiveConnections(), bean.getIdleConnections(),
                bean.getTotalConnections(), bean.getThreadsAwaitingConnection(), pool.getMaximumPoolSize());
    }

    /** Closes every pool; connections in use are closed as they are returned. */
    @Override
    public void close() {
        routing.ifPresent(AnalyticsRouting::close);
        fallback.ifPresent(HikariDataSource::close);
        pools.values().forEach(HikariDataSource::close);
    }
}
