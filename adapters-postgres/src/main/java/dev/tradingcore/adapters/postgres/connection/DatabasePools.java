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
 * <p>Analytics reads are routed to the replica when one is configured, with the primary as the fallback: the
 * analytics pool connects with pgjdbc's multi-host URL {@code replica-hosts,primary-hosts} and
 * {@code targetServerType=preferSecondary}. pgjdbc asks each server whether it is a standby ({@code SHOW
 * transaction_read_only}), takes a standby when one answers, and otherwise any server in the order listed; a host
 * that refused a connection is skipped for {@code hostRecheckSeconds}. The driver does the routing and the fallback
 * for each new connection, so there is no hand-written router that could get it wrong. Analytics connections are
 * read-only in every mode (pgjdbc {@code readOnlyMode=always}), so a report can never write on the primary it fell
 * back to.
 */
public final class DatabasePools implements AutoCloseable, dev.tradingcore.domain.port.PoolUsage {

    /** How long pgjdbc remembers that a host refused connections before trying it again. */
    static final int HOST_RECHECK_SECONDS = 10;

    private final Map<DatabaseComponent, HikariDataSource> pools;
    private final DatabaseUrl analyticsUrl;

    private DatabasePools(Map<DatabaseComponent, HikariDataSource> pools, DatabaseUrl analyticsUrl) {
        this.pools = pools;
        this.analyticsUrl = analyticsUrl;
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
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(sizes, "sizes");
        DatabaseUrl analytics = analyticsUrl(primary, replica);
        Map<DatabaseComponent, HikariDataSource> pools = new EnumMap<>(DatabaseComponent.class);
        try {
            for (DatabaseComponent component : DatabaseComponent.values()) {
                DatabaseUrl url = component == DatabaseComponent.ANALYTICS ? analytics : primary;
                PoolSettings settings = new PoolSettings(component.poolName(), sizes.of(component), timeout,
                        component.readOnly());
                pools.put(component, ConnectionPools.open(url, settings));
            }
        } catch (RuntimeException e) {
            pools.values().forEach(HikariDataSource::close);
            throw e;
        }
        return new DatabasePools(pools, analytics);
    }

    /**
     * Where analytics reads go: the primary alone when there is no replica; otherwise the replica's hosts, then the
     * primary's, with {@code targetServerType=preferSecondary}. The replica's own parameters win over the
     * primary's; the credentials are the primary's (a physical replica has the same roles).
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
        DatabaseUrl routed = primary.withHosts(standby.hosts() + "," + primary.hosts());
        for (Map.Entry<String, String> parameter : standby.parameters().entrySet()) {
            routed = routed.withParameter(parameter.getKey(), parameter.getValue());
        }
        return routed.withParameter("targetServerType", "preferSecondary")
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

    /** Read-only connections to the replica when one answers, else to the primary. */
    public DataSource analytics() {
        return pool(DatabaseComponent.ANALYTICS);
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
        pools.values().forEach(HikariDataSource::close);
    }
}
