package dev.tradingcore.adapters.postgres.schema;

import static dev.tradingcore.adapters.postgres.schema.Rows.count;
import static dev.tradingcore.adapters.postgres.schema.Rows.insertOrder;
import static dev.tradingcore.adapters.postgres.schema.Rows.insertTrade;
import static dev.tradingcore.adapters.postgres.schema.Rows.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/**
 * A trade is stored exactly once per trade_id, whatever its timestamp, although trades is partitioned and its
 * primary key must contain the timestamp: the trade_ids registry and its trigger make replays no-ops and conflicting
 * replays errors. Losing or double-counting a fill is the worst bug this system can have.
 */
class TradeIdempotencyTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    /** The partitions of 2026-11-23, whatever day the tests run. */
    @BeforeAll
    static void partitionsOfTheTestDay() throws SQLException {
        try (Connection c = db.connect()) {
            Rows.execute(c, "SELECT maintain_partitions('2026-11-23T12:00:00Z')");
        }
    }

    @Test
    void a_replay_with_the_same_timestamp_is_stored_once() throws SQLException {
        try (Connection c = db.connect()) {
            insertOrder(c, "O-SAME", "AAPL");
            assertThat(insertTrade(c, "T-SAME", "O-SAME", "10", "2026-11-23T14:30:00Z")).isEqualTo(1);
            assertThat(insertTrade(c, "T-SAME", "O-SAME", "10", "2026-11-23T14:30:00Z")).as("replay").isZero();

            assertThat(count(c, "SELECT count(*) FROM trades WHERE trade_id = 'T-SAME'")).isEqualTo(1);
        }
    }

    @Test
    void a_replay_with_another_timestamp_in_another_partition_is_stored_once() throws SQLException {
        try (Connection c = db.connect()) {
            insertOrder(c, "O-MOVED", "MSFT");
            assertThat(insertTrade(c, "T-MOVED", "O-MOVED", "5", "2026-11-23T14:30:00Z")).isEqualTo(1);
            // Same fill reported again a quarter later (another partition), and years later (default partition).
            assertThat(insertTrade(c, "T-MOVED", "O-MOVED", "5", "2027-02-01T09:00:00Z")).isZero();
            assertThat(insertTrade(c, "T-MOVED", "O-MOVED", "5.00000000", "2031-06-01T09:00:00Z")).isZero();

            assertThat(strings(c, "SELECT tableoid::regclass || ' ' || timestamp FROM trades WHERE trade_id = 'T-MOVED'"))
                    .containsExactly("trades_2026_q4 2026-11-23 14:30:00+00");
            assertThat(strings(c, "SELECT trade_timestamp::text FROM trade_ids WHERE trade_id = 'T-MOVED'"))
                    .as("the registry points at the stored row")
                    .containsExactly("2026-11-23 14:30:00+00");
        }
    }

    @Test
    void a_replay_returns_no_row_so_callers_tell_recorded_from_duplicate() throws SQLException {
        try (Connection c = db.connect()) {
            insertOrder(c, "O-RET", "NVDA");
            String sql = """
                    INSERT INTO trades (trade_id, order_id, symbol, side, quantity, price, timestamp, trade_value)
                    VALUES ('T-RET', 'O-RET', 'NVDA', 'buy', 1, 150, '2026-11-23T15:00:00Z', 150)
                    RETURNING trade_id
                    """;
            assertThat(strings(c, sql)).as("recorded").containsExactly("T-RET");
            assertThat(strings(c, sql)).as("duplicate").isEmpty();
        }
    }

    @Test
    void a_replay_with_other_economic_content_is_a_conflict_not_a_duplicate() throws SQLException {
        try (Connection c = db.connect()) {
            insertOrder(c, "O-CONFLICT", "TSLA");
            insertTrade(c, "T-CONFLICT", "O-CONFLICT", "10", "2026-11-23T14:30:00Z");

            assertThatThrownBy(() -> insertTrade(c, "T-CONFLICT", "O-CONFLICT", "11", "2026-11-23T14:30:00Z"))
                    .isInstanceOf(PSQLException.class)
                    .hasMessageContaining("conflicting replay of trade T-CONFLICT")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23T01"));
            insertOrder(c, "O-OTHER", "TSLA");
            assertThatThrownBy(() -> insertTrade(c, "T-CONFLICT", "O-OTHER", "10", "2026-11-23T14:30:00Z"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23T01"));

            assertThat(strings(c, "SELECT quantity::text FROM trades WHERE trade_id = 'T-CONFLICT'"))
                    .containsExactly("10.00000000");
        }
    }

    @Test
    void copy_skips_duplicates_and_does_not_count_them() throws Exception {
        try (Connection c = db.connect()) {
            insertOrder(c, "O-COPY", "AMZN");
            insertTrade(c, "T-COPY-1", "O-COPY", "1", "2026-11-23T10:00:00Z");
            String csv = """
                    T-COPY-1,O-COPY,AMZN,buy,1,150,2026-11-23T10:00:00Z,0,150
                    T-COPY-2,O-COPY,AMZN,buy,2,150,2026-11-23T10:00:01Z,0,300
                    T-COPY-2,O-COPY,AMZN,buy,2,150,2026-11-23T10:00:01Z,0,300
                    T-COPY-3,O-COPY,AMZN,buy,3,150,2019-03-01T10:00:00Z,0,450
                    T-COPY-3,O-COPY,AMZN,buy,3,150,2031-03-01T10:00:00Z,0,450
                    """;
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY trades (trade_id, order_id, symbol, side, quantity, price, timestamp, commission,"
                            + " trade_value) FROM STDIN WITH (FORMAT csv)", new StringReader(csv));

            assertThat(copied).as("rows COPY reports").isEqualTo(2);
            assertThat(strings(c, "SELECT trade_id || ' ' || tableoid::regclass FROM trades"
                    + " WHERE order_id = 'O-COPY' ORDER BY trade_id"))
                    .containsExactly("T-COPY-1 trades_2026_q4", "T-COPY-2 trades_2026_q4", "T-COPY-3 trades_default");
        }
    }

    @Test
    void a_conflict_inside_copy_rejects_the_whole_batch() throws Exception {
        try (Connection c = db.connect()) {
            insertOrder(c, "O-COPYX", "AMD");
            insertTrade(c, "T-COPYX-1", "O-COPYX", "1", "2026-11-23T10:00:00Z");
            String csv = """
                    T-COPYX-2,O-COPYX,AMD,buy,2,150,2026-11-23T10:00:01Z,0,300
                    T-COPYX-1,O-COPYX,AMD,sell,1,150,2026-11-23T10:00:00Z,0,150
                    """;
            assertThatThrownBy(() -> c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY trades (trade_id, order_id, symbol, side, quantity, price, timestamp, commission,"
                            + " trade_value) FROM STDIN WITH (FORMAT csv)", new StringReader(csv)))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23T01"));

            assertThat(count(c, "SELECT count(*) FROM trades WHERE order_id = 'O-COPYX'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM trade_ids WHERE order_id = 'O-COPYX'")).isEqualTo(1);
        }
    }

    @Test
    void concurrent_recordings_of_one_trade_store_it_once() throws Exception {
        try (Connection c = db.connect()) {
            insertOrder(c, "O-RACE", "META");
        }
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String timestamp = "2026-11-2" + (i % 3 + 1) + "T12:00:00Z";
                Callable<Integer> writer = () -> {
                    try (Connection c = db.connect()) {
                        start.await();
                        return insertTrade(c, "T-RACE", "O-RACE", "7", timestamp);
                    }
                };
                results.add(pool.submit(writer));
            }
            start.countDown();
            int stored = 0;
            for (Future<Integer> result : results) {
                stored += result.get();
            }
            assertThat(stored).as("inserts that reported a row").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = db.connect()) {
            assertThat(count(c, "SELECT count(*) FROM trades WHERE trade_id = 'T-RACE'")).isEqualTo(1);
        }
    }

    @Test
    void a_trade_of_an_unknown_order_is_refused() throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO trades (trade_id, order_id, symbol, side, quantity, price, timestamp, trade_value)
                VALUES ('T-ORPHAN', 'NO-SUCH-ORDER', 'AAPL', 'buy', 1, 150, now(), 150)
                """)) {
            assertThatThrownBy(ps::executeUpdate)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
            assertThat(count(c, "SELECT count(*) FROM trade_ids WHERE trade_id = 'T-ORPHAN'"))
                    .as("the registration rolled back with the row").isZero();
        }
    }
}
