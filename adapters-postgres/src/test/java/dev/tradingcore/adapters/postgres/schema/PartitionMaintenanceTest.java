package dev.tradingcore.adapters.postgres.schema;

import static dev.tradingcore.adapters.postgres.schema.Rows.count;
import static dev.tradingcore.adapters.postgres.schema.Rows.execute;
import static dev.tradingcore.adapters.postgres.schema.Rows.insertOrder;
import static dev.tradingcore.adapters.postgres.schema.Rows.insertTrade;
import static dev.tradingcore.adapters.postgres.schema.Rows.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tradingcore.adapters.postgres.schema.PartitionMaintenance.Action;
import dev.tradingcore.adapters.postgres.schema.PartitionMaintenance.Kind;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rows of any date are stored (DEFAULT partitions), and maintain_partitions() creates partitions ahead, moves rows
 * out of the default partitions into the partitions it creates for them, and retires old partitions by retention.
 * Each test simulates its own dates through the time parameter, in years no other test of the class touches.
 */
class PartitionMaintenanceTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private final PartitionMaintenance maintenance = new PartitionMaintenance(db.dataSource());

    @Test
    void a_fresh_database_has_the_partitions_of_its_migration_day_and_a_default_for_every_other_date() throws SQLException {
        try (Connection c = db.connect()) {
            assertThat(strings(c, "SELECT inhrelid::regclass::text FROM pg_inherits"
                    + " WHERE inhparent = 'trades'::regclass"))
                    .contains("trades_default", "trades_" + period(c, "YYYY_\"q\"Q", "0 months"),
                            "trades_" + period(c, "YYYY_\"q\"Q", "6 months"));
            assertThat(strings(c, "SELECT inhrelid::regclass::text FROM pg_inherits"
                    + " WHERE inhparent = 'audit_log'::regclass"))
                    .contains("audit_log_default", "audit_log_" + period(c, "YYYY_MM", "0 months"),
                            "audit_log_" + period(c, "YYYY_MM", "3 months"));
            assertThat(strings(c, "SELECT inhrelid::regclass::text FROM pg_inherits"
                    + " WHERE inhparent = 'market_data_cache'::regclass"))
                    .contains("market_data_cache_default", "market_data_cache_" + period(c, "YYYY_MM_DD", "0 days"),
                            "market_data_cache_" + period(c, "YYYY_MM_DD", "7 days"));
        }
    }

    @Test
    void rows_dated_2019_and_2031_are_stored_and_later_moved_into_their_own_partitions() throws SQLException {
        try (Connection c = db.connect()) {
            insertOrder(c, "O-FAR", "IBM");
            assertThat(insertTrade(c, "T-2019", "O-FAR", "1", "2019-12-20T15:00:00Z")).isEqualTo(1);
            assertThat(insertTrade(c, "T-2031", "O-FAR", "1", "2031-05-20T15:00:00Z")).isEqualTo(1);
            execute(c, """
                    INSERT INTO audit_log (timestamp, component, action, details) VALUES
                        ('2019-12-20T15:00:00Z', 'test', 'far', '{"order_id": "O-FAR"}'),
                        ('2031-05-20T15:00:00Z', 'test', 'far', '{"order_id": "O-FAR"}');
                    INSERT INTO market_data_cache (symbol, timestamp, price) VALUES
                        ('IBM', '2031-05-20T15:00:00Z', 101.5);
                    """);
            assertThat(strings(c, "SELECT trade_id || ' ' || tableoid::regclass FROM trades"
                    + " WHERE order_id = 'O-FAR' ORDER BY trade_id"))
                    .containsExactly("T-2019 trades_default", "T-2031 trades_default");

            // 2019-12-20 is within seven years of this date, so its quarter gets a partition.
            List<Action> actions = maintenance.maintain(Instant.parse("2026-06-01T00:00:00Z"));

            assertThat(actions).filteredOn(a -> a.rows().orElse(0) > 0)
                    .extracting(Action::kind, Action::partition, Action::rows)
                    .containsExactlyInAnyOrder(
                            tuple(Kind.CREATED, "trades_2019_q4", OptionalLong.of(1)),
                            tuple(Kind.CREATED, "trades_2031_q2", OptionalLong.of(1)),
                            tuple(Kind.CREATED, "audit_log_2031_05", OptionalLong.of(1)),
                            tuple(Kind.CREATED, "market_data_cache_2031_05_20", OptionalLong.of(1)));
            assertThat(strings(c, "SELECT trade_id || ' ' || tableoid::regclass FROM trades"
                    + " WHERE order_id = 'O-FAR' ORDER BY trade_id"))
                    .containsExactly("T-2019 trades_2019_q4", "T-2031 trades_2031_q2");
            assertThat(strings(c, "SELECT tableoid::regclass::text FROM audit_log WHERE order_id = 'O-FAR'"
                    + " ORDER BY timestamp"))
                    .as("audit of 2019 is older than its two-year retention: it stays in the default partition")
                    .containsExactly("audit_log_default", "audit_log_2031_05");
            assertThat(count(c, "SELECT count(*) FROM market_data_cache_2031_05_20")).isEqualTo(1);
            assertThat(strings(c, "SELECT trade_timestamp::text FROM trade_ids WHERE trade_id = 'T-2031'"))
                    .as("a moved trade is not mistaken for a replay").containsExactly("2031-05-20 15:00:00+00");
            // The moved partition has the parent's indexes, constraints and trigger.
            assertThat(insertTrade(c, "T-2031", "O-FAR", "1", "2031-05-20T15:00:00Z")).isZero();
            assertThat(count(c, "SELECT count(*) FROM pg_indexes WHERE tablename = 'trades_2031_q2'")).isEqualTo(4);
        }
    }

    @Test
    void maintenance_creates_ahead_of_the_given_date_and_is_idempotent() throws SQLException {
        maintenance.maintain(Instant.now()); // today's retention done, whenever the template was migrated
        List<Action> first = maintenance.maintain(Instant.parse("2040-02-15T10:00:00Z"));

        assertThat(first).extracting(Action::kind).containsOnly(Kind.CREATED);
        assertThat(first).filteredOn(a -> a.table().equals("trades")).extracting(Action::partition)
                .containsExactly("trades_2040_q1", "trades_2040_q2", "trades_2040_q3");
        assertThat(first).filteredOn(a -> a.table().equals("audit_log")).extracting(Action::partition)
                .containsExactly("audit_log_2040_02", "audit_log_2040_03", "audit_log_2040_04", "audit_log_2040_05");
        assertThat(first).filteredOn(a -> a.table().equals("market_data_cache")).extracting(Action::partition)
                .containsExactly("market_data_cache_2040_02_15", "market_data_cache_2040_02_16",
                        "market_data_cache_2040_02_17", "market_data_cache_2040_02_18",
                        "market_data_cache_2040_02_19", "market_data_cache_2040_02_20",
                        "market_data_cache_2040_02_21", "market_data_cache_2040_02_22");
        Action q1 = first.get(0);
        assertThat(q1.rangeFrom()).isEqualTo(Instant.parse("2040-01-01T00:00:00Z"));
        assertThat(q1.rangeTo()).isEqualTo(Instant.parse("2040-04-01T00:00:00Z"));
        assertThat(q1.rows()).hasValue(0);

        assertThat(maintenance.maintain(Instant.parse("2040-02-15T23:00:00Z"))).as("second run").isEmpty();
    }

    @Test
    void retention_detaches_old_trades_and_audit_into_the_archive_and_drops_old_market_data() throws SQLException {
        try (Connection c = db.connect()) {
            // Partitions of 2010, as if the system had run then, with a row in each.
            maintenance.maintain(Instant.parse("2010-03-30T12:00:00Z"));
            insertOrder(c, "O-2010", "GE");
            insertTrade(c, "T-2010", "O-2010", "1", "2010-03-30T12:00:00Z");
            execute(c, """
                    INSERT INTO audit_log (timestamp, component, action, details)
                        VALUES ('2010-03-30T12:00:00Z', 'test', 'old', '{}');
                    INSERT INTO market_data_cache (symbol, timestamp, price) VALUES ('GE', '2010-03-30T12:00:00Z', 9);
                    """);

            // Today (the database clock) everything of 2010 is past retention.
            List<Action> actions = maintenance.maintain(Instant.now());

            assertThat(actions).filteredOn(a -> a.kind() == Kind.DETACHED).extracting(Action::partition)
                    .contains("archive.trades_2010_q1", "archive.trades_2010_q2", "archive.trades_2010_q3",
                            "archive.audit_log_2010_03", "archive.audit_log_2010_06");
            assertThat(actions).filteredOn(a -> a.kind() == Kind.DROPPED).extracting(Action::partition)
                    .contains("market_data_cache_2010_03_30", "market_data_cache_2010_04_06");
            assertThat(count(c, "SELECT count(*) FROM trades WHERE trade_id = 'T-2010'")).isZero();
            assertThat(count(c, "SELECT count(*) FROM archive.trades_2010_q1 WHERE trade_id = 'T-2010'"))
                    .as("archived, not lost").isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM archive.audit_log_2010_03")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM pg_class WHERE relname = 'market_data_cache_2010_03_30'"))
                    .isZero();
            assertThat(insertTrade(c, "T-2010", "O-2010", "1", "2010-03-30T12:00:00Z"))
                    .as("a replay of an archived trade is still recognised").isZero();
        }
    }

    @Test
    void a_future_date_cannot_make_retention_run_early() throws SQLException {
        try (Connection c = db.connect()) {
            maintenance.maintain(Instant.now());
            List<Action> actions = maintenance.maintain(Instant.parse("2099-01-01T00:00:00Z"));

            assertThat(actions).extracting(Action::kind).containsOnly(Kind.CREATED);
            assertThat(count(c, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'market_data_cache'::regclass"
                    + " AND inhrelid::regclass::text = 'market_data_cache_' || to_char(now() AT TIME ZONE 'UTC',"
                    + " 'YYYY_MM_DD')")).as("today's market data partition survives").isEqualTo(1);
        }
    }

    @Test
    void market_data_past_retention_waiting_in_the_default_partition_is_purged() throws SQLException {
        try (Connection c = db.connect()) {
            execute(c, "INSERT INTO market_data_cache (symbol, timestamp, price) VALUES ('OLD', '2001-01-01Z', 1)");

            List<Action> actions = maintenance.maintain(Instant.now());

            assertThat(actions).filteredOn(a -> a.kind() == Kind.PURGED)
                    .extracting(Action::partition, Action::rows)
                    .containsExactly(tuple("market_data_cache_default", OptionalLong.of(1)));
            assertThat(count(c, "SELECT count(*) FROM market_data_cache WHERE symbol = 'OLD'")).isZero();
        }
    }

    @Test
    void concurrent_maintenance_runs_create_each_partition_once() throws Exception {
        int runners = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        try {
            List<Future<List<Action>>> results = new ArrayList<>();
            for (int i = 0; i < runners; i++) {
                Callable<List<Action>> runner = () -> {
                    start.await();
                    return maintenance.maintain(Instant.parse("2050-07-04T00:00:00Z"));
                };
                results.add(pool.submit(runner));
            }
            start.countDown();
            List<String> created = new ArrayList<>();
            for (Future<List<Action>> result : results) {
                result.get().stream().filter(a -> a.kind() == Kind.CREATED)
                        .forEach(a -> created.add(a.partition()));
            }
            assertThat(created).doesNotHaveDuplicates().contains("trades_2050_q3", "audit_log_2050_07");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void partition_names_are_unique_per_granularity() throws SQLException {
        try (Connection c = db.connect()) {
            assertThat(strings(c, """
                    SELECT partition_name('audit_log', 'month', m)
                      FROM generate_series('2026-10-01Z'::timestamptz, '2026-12-01Z', '1 month') AS m
                    UNION ALL SELECT partition_name('trades', 'quarter', '2026-10-01Z')
                    UNION ALL SELECT partition_name('market_data_cache', 'day', '2026-11-23Z')
                    """)).containsExactly("audit_log_2026_10", "audit_log_2026_11", "audit_log_2026_12",
                    "trades_2026_q4", "market_data_cache_2026_11_23");
        }
    }

    /** The name part of the period {@code shift} after the day the migration ran, as the database formats it. */
    private static String period(Connection c, String format, String shift) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT to_char((min(installed_on) + ?::interval) AT TIME ZONE 'UTC', ?)
                  FROM flyway_schema_history WHERE script LIKE '%initial_rows%'
                """)) {
            ps.setString(1, shift);
            ps.setString(2, format);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

}
