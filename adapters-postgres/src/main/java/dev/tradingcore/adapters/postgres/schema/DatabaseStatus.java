package dev.tradingcore.adapters.postgres.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What an operator asks first about a trading database: which partitions exist with their ranges and sizes, and how
 * big each table is. Read-only; safe to run against production at any time.
 */
public final class DatabaseStatus {

    private final DataSource dataSource;

    public DatabaseStatus(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every partition of every partitioned table in the public schema, oldest range first. */
    public List<Partition> partitions() throws SQLException {
        String sql = """
                SELECT parent.relname, child.relname, pg_get_expr(child.relpartbound, child.oid),
                       pg_total_relation_size(child.oid), child.reltuples::bigint
                  FROM pg_inherits i
                  JOIN pg_class parent ON parent.oid = i.inhparent
                  JOIN pg_class child ON child.oid = i.inhrelid
                  JOIN pg_namespace n ON n.oid = parent.relnamespace
                 WHERE parent.relkind = 'p' AND n.nspname = 'public'
                 ORDER BY parent.relname, pg_get_expr(child.relpartbound, child.oid) = 'DEFAULT',
                          pg_get_expr(child.relpartbound, child.oid)
                """;
        List<Partition> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new Partition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5)));
            }
        }
        return result;
    }

    /** Every table of the public schema that holds rows (partitioned parents count their partitions). */
    public List<TableSize> tableSizes() throws SQLException {
        String sql = """
                SELECT c.relname,
                       CASE WHEN c.relkind = 'p'
                            THEN (SELECT coalesce(sum(pg_total_relation_size(i.inhrelid)), 0)
                                    FROM pg_inherits i WHERE i.inhparent = c.oid)
                            ELSE pg_total_relation_size(c.oid) END AS bytes,
                       CASE WHEN c.relkind = 'p'
                            THEN (SELECT CASE WHEN bool_or(k.reltuples < 0) THEN -1
                                              ELSE coalesce(sum(k.reltuples), 0) END::bigint
                                    FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid WHERE i.inhparent = c.oid)
                            ELSE c.reltuples::bigint END AS estimated_rows
                  FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                 ORDER BY bytes DESC, c.relname
                """;
        List<TableSize> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new TableSize(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return result;
    }

    /**
     * The exact number of rows of a table or partition of the public schema, counted now ({@code count(*)}, bounded
     * by the pool's statement timeout).
     *
     * @param table a name {@link #tableSizes()} or {@link #partitions()} returned
     */
    public long exactRows(String table) throws SQLException {
        if (!table.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a table of ours: " + table);
        }
        try (Connection c = dataSource.getConnection()) {
            // A partition is counted through its parent: the application login may read the partitioned table (the
            // grant covers every partition reached through it) but holds no grant on the partition itself.
            String parent = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT i.inhparent::regclass::text FROM pg_inherits i"
                    + " WHERE i.inhrelid = to_regclass('public.' || quote_ident(?))")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        parent = rs.getString(1);
                    }
                }
            }
            String sql = parent == null ? "SELECT count(*) FROM public.\"" + table + "\""
                    : "SELECT count(*) FROM " + parent + " WHERE tableoid = to_regclass('public.' || quote_ident(?))";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (parent != null) {
                    ps.setString(1, table);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    /** How many orders are in each status, by status code. */
    public java.util.Map<String, Long> orderCountsByStatus() throws SQLException {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT status, count(*) FROM orders GROUP BY status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** Exact row counts of the trades and the audit trail (for summaries; a full count, not an estimate). */
    public Counts counts() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT (SELECT count(*) FROM trades), (SELECT count(*) FROM audit_log)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2));
        }
    }

    /** Row counts of the tables a trading summary reports. */
    public record Counts(long trades, long auditEvents) {}

    /**
     * One partition.
     *
     * @param table the partitioned parent, e.g. {@code trades}
     * @param partition the partition's own table, e.g. {@code trades_2026_q4}
     * @param bounds PostgreSQL's text of the range, or {@code DEFAULT}
     * @param bytes size on disk including indexes and TOAST
     * @param estimatedRows the planner's estimate (exact only right after ANALYZE), -1 when the table was never
     *     analyzed (the estimate is unknown, not zero)
     */
    public record Partition(String table, String partition, String bounds, long bytes, long estimatedRows) {}

    /**
     * One table's footprint.
     *
     * @param table the table (a partitioned parent sums its partitions)
     * @param bytes size on disk including indexes and TOAST
     * @param estimatedRows the planner's estimate (exact only right after ANALYZE), -1 when unknown
     */
    public record TableSize(String table, long bytes, long estimatedRows) {}
}
