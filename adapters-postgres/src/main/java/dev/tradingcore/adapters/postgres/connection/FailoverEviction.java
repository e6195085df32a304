package dev.tradingcore.adapters.postgres.connection;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drops every connection of a pool the moment one of them shows that its server is no longer the one to talk to.
 *
 * <p>pgjdbc picks the server when it connects ({@code targetServerType=primary} takes the one that is not a standby)
 * and never asks again: a pooled connection to a primary that died, or that came back as a standby, keeps failing
 * until it is thrown away. HikariCP throws away only the connection that failed, and only for connection errors; its
 * siblings would each fail one more caller. This override evicts the whole pool (idle connections are closed now,
 * those in use when they are returned, as {@code softEvictConnections} does), so that the next borrow connects
 * afresh and pgjdbc finds the new primary. The SQLSTATEs that mean "wrong or gone server":
 * <ul>
 *   <li>{@code 25006} read_only_sql_transaction: a write reached a standby (a demoted primary), only on a pool that
 *       writes, since a read-only pool gets it from its own read-only mode;</li>
 *   <li>{@code 57P01} admin_shutdown, {@code 57P02} crash_shutdown, {@code 57P03} cannot_connect_now (a server
 *       stopping, crashing, or starting);</li>
 *   <li>{@code 08xxx}: connection exceptions (the socket broke, the server refused).</li>
 * </ul>
 */
final class FailoverEviction implements SQLExceptionOverride {

    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");
    static final String READ_ONLY_TRANSACTION = "25006";

    private final AtomicReference<HikariDataSource> pool = new AtomicReference<>();
    private final boolean writes;
    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param writes whether the pool writes (then a read-only refusal means its server was demoted) */
    FailoverEviction(boolean writes) {
        this.writes = writes;
    }

    /** The pool this override evicts from (set once the pool exists). */
    void attach(HikariDataSource dataSource) {
        pool.set(dataSource);
    }

    /** Calls {@code listener} (on the failing caller's thread: keep it short) each time the pool is evicted. */
    void onEviction(Runnable listener) {
        listeners.add(listener);
    }

    /** Whether {@code e} says the connection's server is gone or no longer the primary. */
    boolean meansServerChanged(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || SERVER_GONE.contains(state) || (writes && READ_ONLY_TRANSACTION.equals(state));
    }

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        if (!meansServerChanged(e)) {
            return Override.CONTINUE_EVICT;
        }
        HikariDataSource dataSource = pool.get();
        HikariPoolMXBean bean = dataSource == null || dataSource.isClosed() ? null : dataSource.getHikariPoolMXBean();
        if (bean != null) {
            bean.softEvictConnections();
        }
        listeners.forEach(Runnable::run);
        return Override.MUST_EVICT;
    }
}
