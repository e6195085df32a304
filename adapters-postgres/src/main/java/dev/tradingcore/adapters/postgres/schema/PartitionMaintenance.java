package dev.tradingcore.adapters.postgres.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Runs the database's partition maintenance, {@code maintain_partitions(timestamptz)}: partitions of {@code trades}
 * (quarterly), {@code audit_log} (monthly) and {@code market_data_cache} (daily) are created from the period of the
 * given instant up to a look-ahead, rows that waited in a DEFAULT partition are moved into the partition created for
 * them, and retention retires old partitions (trades after 7 years and audit after 2 years are detached into schema
 * {@code archive}; market data after 30 days is dropped). Retention never runs ahead of the database's own clock.
 *
 * <p>The application calls it at start-up and daily, the command line on demand. It is idempotent and serialized in
 * the database by an advisory lock, so concurrent callers are safe; the function is SECURITY DEFINER, so the
 * application role runs it without DDL rights. Each call is one transaction: a failure (for instance a lock not
 * obtained within the function's 5 s lock timeout) changes nothing.
 */
public final class PartitionMaintenance {

    private static final String CALL = """
            SELECT action, table_name, partition_name, range_from, range_to, rows_affected
              FROM maintain_partitions(?)
            """;

    private final DataSource dataSource;

    public PartitionMaintenance(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Maintains the partitions as of {@code now} and says what was done; an empty list means everything was already
     * in place.
     *
     * @param now the instant whose periods must have partitions; pass the application clock's instant (tests pass
     *     other dates to simulate them)
     */
    public List<Action> maintain(Instant now) throws SQLException {
        Objects.requireNonNull(now, "now");
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<Action> actions = call(c, now);
                forgetOldAuditBatches(c, now);
                c.commit();
                return actions;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Audit batch ids are kept for retries, which come within seconds: a day is plenty. */
    private static void forgetOldAuditBatches(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_batches WHERE appended_at < ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now.minus(java.time.Duration.ofDays(1)), ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private static List<Action> call(Connection c, Instant now) throws SQLException {
        List<Action> actions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CALL)) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rows = rs.getLong(6);
                    OptionalLong affected = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(rows);
                    actions.add(new Action(Kind.fromSql(rs.getString(1)), rs.getString(2), rs.getString(3),
                            instantOrNull(rs, 4), instantOrNull(rs, 5), affected));
                }
            }
        }
        return actions;
    }

    private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** What maintenance did to one partition. */
    public enum Kind {
        /** A partition was created and attached; {@link Action#rows()} rows were moved into it from the default. */
        CREATED,
        /** A partition past retention was detached from its table and moved into schema {@code archive}. */
        DETACHED,
        /** A partition past retention was dropped with its rows (market data only). */
        DROPPED,
        /** Rows past retention waiting in a default partition were deleted (market data only). */
        PURGED;

        static Kind fromSql(String action) {
            return switch (action) {
                case "created" -> CREATED;
                case "detached" -> DETACHED;
                case "dropped" -> DROPPED;
                case "purged" -> PURGED;
                default -> throw new IllegalStateException("maintain_partitions reported an unknown action: " + action);
            };
        }
    }

    /**
     * One thing maintenance did.
     *
     * @param kind what was done
     * @param table the partitioned table, e.g. {@code trades}
     * @param partition the partition concerned, e.g. {@code trades_2026_q4}; for a detached one its new,
     *     schema-qualified name, e.g. {@code archive.trades_2019_q3}
     * @param rangeFrom the partition's lower bound, inclusive ({@code null} for {@link Kind#PURGED})
     * @param rangeTo the partition's upper bound, exclusive (for {@link Kind#PURGED}: the retention cutoff)
     * @param rows rows moved ({@link Kind#CREATED}) or deleted ({@link Kind#PURGED}); empty otherwise
     */
    public record Action(Kind kind, String table, String partition, Instant rangeFrom, Instant rangeTo,
            OptionalLong rows) {

        public Action {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(rows, "rows");
        }
    }
}
