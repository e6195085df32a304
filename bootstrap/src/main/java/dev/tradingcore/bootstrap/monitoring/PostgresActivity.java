package dev.tradingcore.bootstrap.monitoring;

import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the monitor reads from PostgreSQL's statistics views, through its own one-connection pool (so that it still
 * sees a database whose trading pools are exhausted) and through the database guard (so that a database that stopped
 * answering while the core was idle opens the breaker, which alerts; the monitor does not alert about it again).
 */
public final class PostgresActivity {

    /** One standby streaming from the primary, as {@code pg_stat_replication} shows it. */
    public record Replica(String name, String clientAddress, String state, Optional<Duration> replayLag) {}

    /** A statement of ours that has been running for {@code runningFor}. */
    public record RunningQuery(int pid, String applicationName, Duration runningFor, String query) {}

    /** Anything that can run one read on a connection. */
    @FunctionalInterface
    interface Read<T> {
        T on(Connection connection) throws SQLException;
    }

    private final DataSource pool;
    private final Optional<DatabaseGuard> guard;

    public PostgresActivity(DataSource pool, Optional<DatabaseGuard> guard) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    private <T> T read(Read<T> read) throws Exception {
        if (guard.isEmpty()) {
            try (Connection c = pool.getConnection()) {
                return read.on(c);
            }
        }
        return guard.get().call(() -> {
            try (Connection c = pool.getConnection()) {
                return read.on(c);
            }
        }, false);
    }

    /**
     * The standbys streaming from this server and how late each replays ({@code replay_lag}; PostgreSQL reports
     * NULL for a standby that has replayed everything and received nothing new lately, read here as no lag).
     * Seeing other roles' replication connections needs {@code pg_monitor} (or superuser); without it the rows
     * are there but their lag is NULL.
     */
    public List<Replica> replicas() throws Exception {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(application_name, ''),"
                    + " coalesce(host(client_addr), 'local'), coalesce(state, 'unknown'),"
                    + " (EXTRACT(EPOCH FROM replay_lag) * 1000000)::bigint FROM pg_stat_replication");
                    ResultSet rs = ps.executeQuery()) {
                List<Replica> replicas = new ArrayList<>();
                while (rs.next()) {
                    long micros = rs.getLong(4);
                    Optional<Duration> lag = rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofNanos(
                            micros * 1000));
                    replicas.add(new Replica(rs.getString(1), rs.getString(2), rs.getString(3), lag));
                }
                return replicas;
            }
        });
    }

    /**
     * Statements of this database whose session's application name starts with {@code trading-core/} (every pool
     * of the core sets it) and that have been running longer than {@code threshold}, longest first; the monitor's
     * own statement excluded. The text is cut to 200 characters (statements are parameterized: no values in it).
     */
    public List<RunningQuery> runningLongerThan(Duration threshold) throws Exception {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pid, application_name,"
                    + " (EXTRACT(EPOCH FROM clock_timestamp() - query_start) * 1000000)::bigint, left(query, 200)"
                    + " FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'"
                    + " AND application_name LIKE 'trading-core/%' AND pid <> pg_backend_pid()"
                    + " AND clock_timestamp() - query_start > make_interval(secs => ?)"
                    + " ORDER BY query_start")) {
                ps.setDouble(1, threshold.toNanos() / 1e9);
                try (ResultSet rs = ps.executeQuery()) {
                    List<RunningQuery> found = new ArrayList<>();
                    while (rs.next()) {
                        found.add(new RunningQuery(rs.getInt(1), rs.getString(2), Duration.ofNanos(rs.getLong(3)
                                * 1000), rs.getString(4)));
                    }
                    return found;
                }
            }
        });
    }

    /**
     * The server's data directory, when this role may read it ({@code data_directory} is shown to superusers and
     * members of {@code pg_read_all_settings} only); empty otherwise.
     */
    public Optional<Path> dataDirectory() throws Exception {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT setting FROM pg_settings WHERE name = 'data_directory'");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null && !rs.getString(1).isBlank()) {
                    return Optional.of(Path.of(rs.getString(1)));
                }
                return Optional.empty();
            }
        });
    }
}
