package dev.tradingcore.adapters.postgres.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.trade.IngestReport;
import dev.tradingcore.domain.trade.IngestReport.Reason;
import dev.tradingcore.domain.trade.IngestReport.Rejected;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import dev.tradingcore.domain.trade.TradeIngest;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bulk ingest against the migrated schema: what arrives is what is stored, byte for byte and digit for digit;
 * replays are skipped and counted; a bad trade is reported and does not take its chunk down with it.
 */
class TradeCopyIngestTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant T0 = Instant.parse("2026-11-23T14:30:00Z");

    /** Quarterly partitions around 2026-11-23 exist; other dates go to trades_default. */
    @BeforeAll
    static void partitions() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SELECT maintain_partitions('2026-11-23T12:00:00Z')");
        }
    }

    private static TradeCopyIngest ingest(int chunkSize) {
        return new TradeCopyIngest(db.dataSource(), chunkSize);
    }

    /** A closed order whose filled quantity covers every trade the tests give it: history, what ingest takes. */
    private static void order(String orderId) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO orders (order_id, symbol, side, quantity, order_type, status, filled_quantity,
                                    filled_notional, filled_avg_price, submitted_at)
                VALUES (?, 'AAPL', 'buy', 1000000, 'market', 'filled', 1000000, 150000000, 150, now())
                """)) {
            ps.setString(1, orderId);
            ps.executeUpdate();
        }
    }

    private static Trade trade(String tradeId, String orderId, String quantity, String price, Instant at) {
        return new Trade(TradeId.of(tradeId), OrderId.of(orderId), Symbol.of("AAPL"), Side.BUY,
                Quantity.of(quantity), Price.of(price), at, BigDecimal.ZERO, Option.some(Liquidity.TAKER));
    }

    private static Trade trade(String tradeId, String orderId) {
        return trade(tradeId, orderId, "1", "150", T0);
    }

    private static List<String> strings(String sql, String... parameters) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    private static long count(String sql, String... parameters) throws SQLException {
        return Long.parseLong(strings(sql, parameters).getFirst());
    }

    @Test
    void ids_with_commas_quotes_newlines_and_copy_markers_arrive_as_written() throws SQLException {
        String weirdOrder = "O,\"weird\"\nline";
        order(weirdOrder);
        List<String> ids = List.of("T,1", "T\"2\"", "T\n3", "T\r\n4", "a\n\\.\nb", "\\.", "T ä€😀", "\"", ",",
                "T\\N", "T\t5", "NULL", "T'6");
        List<Trade> trades = ids.stream().map(id -> trade(id, weirdOrder)).toList();

        IngestReport report = ingest(100).ingest(trades);

        assertThat(report.inserted()).isEqualTo(ids.size());
        assertThat(strings("SELECT trade_id FROM trades WHERE order_id = ?", weirdOrder))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(strings("SELECT DISTINCT order_id FROM trades WHERE order_id = ?", weirdOrder))
                .containsExactly(weirdOrder);
    }

    @Test
    void amounts_times_and_liquidity_round_trip_exactly() throws SQLException {
        order("O-EXACT");
        Instant micros = Instant.parse("2026-11-23T14:30:00.123456Z");
        List<Trade> trades = List.of(
                new Trade(TradeId.of("X-1"), OrderId.of("O-EXACT"), Symbol.of("BRK.B"), Side.SELL,
                        Quantity.of("0.00000001"), Price.of("999999999999.99999999"), micros,
                        new BigDecimal("0.12345678"), Option.none()),
                new Trade(TradeId.of("X-2"), OrderId.of("O-EXACT"), Symbol.of("BTC/USD"), Side.BUY,
                        Quantity.of("123456.12345678"), Price.of("0.00000001"), T0,
                        new BigDecimal("99999999999.99999999"), Option.some(Liquidity.MAKER)));

        ingest(100).ingest(trades);

        assertThat(strings("""
                SELECT concat_ws('|', trade_id, symbol, side, quantity, price, timestamp AT TIME ZONE 'UTC',
                                 commission, trade_value, coalesce(liquidity, 'NULL'))
                FROM trades WHERE order_id = 'O-EXACT' ORDER BY trade_id
                """)).containsExactly(
                "X-1|BRK.B|sell|0.00000001|999999999999.99999999|2026-11-23 14:30:00.123456|0.12345678|10000.00|NULL",
                "X-2|BTC/USD|buy|123456.12345678|0.00000001|2026-11-23 14:30:00|99999999999.99999999|0.00|maker");
    }

    @Test
    void replayed_trades_are_skipped_and_counted_as_duplicates() throws SQLException {
        order("O-REPLAY");
        List<Trade> first = IntStream.range(0, 10).mapToObj(i -> trade("R-" + i, "O-REPLAY")).toList();
        List<Trade> again = new ArrayList<>(first);
        again.add(trade("R-10", "O-REPLAY"));
        again.add(trade("R-10", "O-REPLAY")); // twice in the same input

        IngestReport firstReport = ingest(4).ingest(first);
        IngestReport secondReport = ingest(4).ingest(again);

        assertThat(firstReport).isEqualTo(new IngestReport(10, 10, 0, io.vavr.collection.List.empty()));
        assertThat(secondReport).isEqualTo(new IngestReport(12, 1, 11, io.vavr.collection.List.empty()));
        assertThat(count("SELECT count(*) FROM trades WHERE order_id = 'O-REPLAY'")).isEqualTo(11);
    }

    @Test
    void a_conflicting_replay_is_reported_and_the_rest_of_its_chunk_is_stored() throws SQLException {
        order("O-CONFLICT");
        ingest(100).ingest(List.of(trade("C-1", "O-CONFLICT", "10", "150", T0)));
        List<Trade> trades = List.of(
                trade("C-2", "O-CONFLICT"),
                trade("C-1", "O-CONFLICT", "11", "150", T0), // recorded with quantity 10
                trade("C-3", "O-CONFLICT", "5", "150", T0),
                trade("C-3", "O-CONFLICT", "6", "150", T0), // conflicts with the line before it
                trade("C-4", "O-CONFLICT"));

        IngestReport report = ingest(100).ingest(trades);

        assertThat(report.received()).isEqualTo(5);
        assertThat(report.inserted()).isEqualTo(3);
        assertThat(report.duplicates()).isZero();
        assertThat(report.rejected()).extracting(Rejected::tradeId, Rejected::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TradeId.of("C-1"), Reason.CONFLICTING_REPLAY),
                org.assertj.core.groups.Tuple.tuple(TradeId.of("C-3"), Reason.CONFLICTING_REPLAY));
        assertThat(report.rejected().get(0).detail()).contains("buy 10.00000000 AAPL", "buy 11.00000000 AAPL");
        assertThat(strings("SELECT trade_id || ' ' || quantity FROM trades WHERE order_id = 'O-CONFLICT'"
                + " ORDER BY trade_id")).containsExactly("C-1 10.00000000", "C-2 1.00000000", "C-3 5.00000000",
                "C-4 1.00000000");
    }

    @Test
    void a_trade_of_an_unknown_order_is_reported_and_not_registered() throws SQLException {
        order("O-KNOWN");
        List<Trade> trades = List.of(trade("U-1", "O-KNOWN"), trade("U-2", "O-MISSING"), trade("U-3", "O-KNOWN"));

        IngestReport report = ingest(100).ingest(trades);

        assertThat(report.inserted()).isEqualTo(2);
        assertThat(report.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.tradeId()).isEqualTo(TradeId.of("U-2"));
            assertThat(rejected.reason()).isEqualTo(Reason.UNKNOWN_ORDER);
            assertThat(rejected.detail()).contains("O-MISSING");
        });
        assertThat(count("SELECT count(*) FROM trade_ids WHERE trade_id = 'U-2'")).isZero();
        assertThat(strings("SELECT trade_id FROM trades WHERE order_id = 'O-KNOWN' ORDER BY trade_id"))
                .containsExactly("U-1", "U-3");
    }

    @Test
    void values_the_database_cannot_hold_are_reported_before_sending() throws SQLException {
        order("O-ODD");
        List<Trade> trades = List.of(
                trade("V-1", "O-ODD"),
                trade("V-\0-2", "O-ODD"),
                trade("V-3", "O-ODD", "1", "150", Instant.parse("+10000-01-01T00:00:00Z")));

        IngestReport report = ingest(100).ingest(trades);

        assertThat(report.inserted()).isEqualTo(1);
        assertThat(report.rejected()).extracting(Rejected::reason)
                .containsExactly(Reason.UNSTORABLE_VALUE, Reason.UNSTORABLE_VALUE);
    }

    @Test
    void trades_of_2019_and_2031_land_in_the_default_partition_and_2026_in_its_quarter() throws SQLException {
        order("O-YEARS");
        List<Trade> trades = List.of(
                trade("Y-2019", "O-YEARS", "1", "150", Instant.parse("2019-03-01T10:00:00Z")),
                trade("Y-2026", "O-YEARS", "1", "150", T0),
                trade("Y-2031", "O-YEARS", "1", "150", Instant.parse("2031-12-31T23:59:59.999999Z")));

        ingest(100).ingest(trades);

        assertThat(strings("SELECT trade_id || ' ' || tableoid::regclass || ' ' || (timestamp AT TIME ZONE 'UTC')"
                + " FROM trades WHERE order_id = 'O-YEARS' ORDER BY trade_id")).containsExactly(
                "Y-2019 trades_default 2019-03-01 10:00:00",
                "Y-2026 trades_2026_q4 2026-11-23 14:30:00",
                "Y-2031 trades_default 2031-12-31 23:59:59.999999");
    }

    @Test
    void a_chunk_failing_for_another_reason_stores_nothing_of_itself_and_keeps_the_chunks_before()
            throws SQLException {
        order("O-OVERFLOW");
        List<Trade> trades = List.of(
                trade("F-1", "O-OVERFLOW"), trade("F-2", "O-OVERFLOW"),
                trade("F-3", "O-OVERFLOW"),
                // A price of 13 integer digits does not fit DECIMAL(20, 8): numeric field overflow, not about
                // replays or orders
                trade("F-4", "O-OVERFLOW", "1", "1000000000000", T0));

        assertThatThrownBy(() -> ingest(2).ingest(trades))
                .isInstanceOf(TradeIngestFailure.class)
                .hasMessageContaining("trades 3 to 4").hasMessageContaining("because of trade F-4")
                .satisfies(e -> assertThat(((TradeIngestFailure) e).committedBefore().inserted()).isEqualTo(2));

        assertThat(strings("SELECT trade_id FROM trades WHERE order_id = 'O-OVERFLOW' ORDER BY trade_id"))
                .containsExactly("F-1", "F-2");
        assertThat(count("SELECT count(*) FROM trade_ids WHERE order_id = 'O-OVERFLOW'")).isEqualTo(2);
    }

    @Test
    void the_facade_hands_out_the_ingest() throws SQLException {
        order("O-FACADE");
        TradeIngest ingest = db.persistence().tradeIngest();

        IngestReport report = ingest.ingest(List.of(trade("P-1", "O-FACADE"), trade("P-1", "O-FACADE")));

        assertThat(report).isEqualTo(new IngestReport(2, 1, 1, io.vavr.collection.List.empty()));
    }

    @Test
    void fifty_thousand_trades_go_in_five_chunks_without_touching_positions() throws SQLException {
        for (int o = 0; o < 10; o++) {
            order("O-BULK-" + o);
        }
        long positionsBefore = count("SELECT count(*) FROM positions");
        Iterable<Trade> trades = () -> IntStream.range(0, 50_000)
                .mapToObj(i -> trade("B-" + i, "O-BULK-" + (i % 10), "1", "150", T0.plusMillis(i)))
                .iterator();

        IngestReport report = ingest(TradeCopyIngest.DEFAULT_CHUNK_SIZE).ingest(trades);

        assertThat(report).isEqualTo(new IngestReport(50_000, 50_000, 0, io.vavr.collection.List.empty()));
        assertThat(count("SELECT count(*) FROM trades WHERE order_id LIKE 'O-BULK-%'")).isEqualTo(50_000);
        assertThat(count("SELECT count(*) FROM positions")).as("historical ingest leaves positions alone")
                .isEqualTo(positionsBefore);
        // One transaction per chunk: the rows of a chunk share the transaction id that wrote them.
        assertThat(strings("SELECT count(*)::text FROM trades WHERE order_id LIKE 'O-BULK-%' GROUP BY xmin::text"
                + " ORDER BY 1")).as("chunks of %d trades, one transaction each", TradeCopyIngest.DEFAULT_CHUNK_SIZE)
                .containsExactly("10000", "10000", "10000", "10000", "10000");
    }
}
