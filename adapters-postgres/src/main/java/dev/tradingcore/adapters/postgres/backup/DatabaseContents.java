package dev.tradingcore.adapters.postgres.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** What a backup promises to carry: the row count of every table, and the schema version. */
final class DatabaseContents {

    private DatabaseContents() {}

    /**
     * Rows of every table of the schemas {@code public} and {@code archive} (detached partitions), keyed
     * {@code schema.table}. A partitioned table counts the rows of all its partitions and its partitions are not
     * listed again. Exact counts, in the caller's transaction.
     */
    static SortedMap<String, Long> tableRows(Connection c) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT n.nspname, c.relname
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN ('public', 'archive') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                 ORDER BY 1, 2
                """)) {
            while (rs.next()) {
                tables.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        SortedMap<String, Long> rows = new TreeMap<>();
        for (String[] t : tables) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM " + Libpq.quote(t[0]) + "." + Libpq.quote(t[1]))) {
                rs.next();
                rows.put(t[0] + "." + t[1], rs.getLong(1));
            }
        }
        return rows;
    }

    /**
     * The Flyway version the database is at.
     *
     * @throws BackupException FAILED when the database has no trading-core schema
     */
    static String schemaVersion(Connection c, String database) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT to_regclass('public.flyway_schema_history') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new BackupException(BackupException.Reason.FAILED, "the database " + database
                        + " has no trading-core schema (no flyway_schema_history): run migrate first, or check"
                        + " DATABASE_URL");
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT version FROM public.flyway_schema_history
                 WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1
                """)) {
            return rs.next() ? rs.getString(1) : "none";
        }
    }
}
