package dev.tradingcore.adapters.postgres.monitoring;

import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.domain.port.DatabaseActivity;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
public final class PostgresActivity implements DatabaseActivity {

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
    @Override
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
    @Override
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

    /**
     * Per partitioned table of the public schema, its partitions whose range starts after {@code now}: what
     * {@code maintain_partitions()} created ahead. A table with none left is about to write into its default
     * partition (or fail), which is what the metric is for.
     */
    @Override
    public Map<String, Integer> partitionsAhead(Instant now) throws Exception {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT parent.relname,
                           count(*) FILTER (WHERE substring(pg_get_expr(child.relpartbound, child.oid)
                                                  FROM 'FROM \\(''([^'']+)''\\)')::timestamptz > ?)
                      FROM pg_inherits i
                      JOIN pg_class parent ON parent.oid = i.inhparent
                      JOIN pg_class child ON child.oid = i.inhrelid
                      JOIN pg_namespace n ON n.oid = parent.relnamespace
                     WHERE parent.relkind = 'p' AND n.nspname = 'public'
                     GROUP BY parent.relname ORDER BY parent.relname
                    """)) {
                ps.setObject(1, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    Map<String, Integer> ahead = new LinkedHashMap<>();
                    while (rs.next()) {
                        ahead.put(rs.getString(1), rs.getInt(2));
                    }
                    return ahead;
                }
            }
        });
    }

    /** Per table of the public schema, its total size; a partitioned table's is the sum of its partitions'. */
    @Override
    public Map<String, Long> tableBytes() throws Exception {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT c.relname,
                           CASE WHEN c.relkind = 'p' THEN coalesce((SELECT sum(pg_total_relation_size(i.inhrelid))
                                                              FROM pg_inherits i WHERE i.inhparent = c.oid), 0)
                                ELSE pg_total_relation_size(c.oid) END::bigint
                      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                     ORDER BY c.relname
                    """); ResultSet rs = ps.executeQuery()) {
                Map<String, Long> sizes = new LinkedHashMap<>();
                while (rs.next()) {
                    sizes.put(rs.getString(1), rs.getLong(2));
                }
                return sizes;
            }
        });
    }

    /** The newest backup run of the given result, as {@code backup} recorded it in {@code backup_runs}. */
    @Override
    public Optional<Instant> lastBackup(boolean succeeded) throws Exception {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT max(finished_at) FROM backup_runs WHERE succeeded = ?")) {
                ps.setBoolean(1, succeeded);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    java.time.OffsetDateTime at = rs.getObject(1, java.time.OffsetDateTime.class);
                    return Optional.ofNullable(at).map(java.time.OffsetDateTime::toInstant);
                }
            }
        });
    }
}
