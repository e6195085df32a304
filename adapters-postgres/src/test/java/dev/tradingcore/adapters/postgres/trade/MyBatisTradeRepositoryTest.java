package dev.tradingcore.adapters.postgres.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.order.PostgresOrders;
import dev.tradingcore.adapters.postgres.testing.Explain;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import dev.tradingcore.domain.trade.TradeRepository;
import dev.tradingcore.domain.trade.TradeRepositoryContract;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The trade contract on PostgreSQL, every statement run as {@code trading_app}; the insert; partition pruning. */
class MyBatisTradeRepositoryTest extends TradeRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();


    private static final String MAPPER = TradeMapper.class.getName();

    @Override
    protected TradeRepository repository() {
        return new MyBatisTradeRepository(db.sessions());
    }

    @Override
    protected OrderRepository orders() {
        return PostgresOrders.repository(db.sessions());
    }

    @Override
    protected boolean record(Trade trade) {
        return insert(trade) == 1;
    }

    private static int insert(Trade trade) {
        try (SqlSession session = db.sessions().openSession(true)) {
            return session.getMapper(TradeMapper.class).insert(TradeRow.of(trade));
        }
    }

    private Order storedOrder(String id, String symbol) {
        Order order = Order.place(OrderId.of(id), ClientOrderId.of("cli-" + id), Symbol.of(symbol), Side.SELL,
                Quantity.of("1000"), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none(), T).get().order();
        orders().save(order);
        return order;
    }

    private static Trade trade(String id, Order order, String quantity, String price, Instant at) {
        return new Trade(TradeId.of(id), order.orderId(), order.symbol(), order.side(), Quantity.of(quantity),
                Price.of(price), at, new BigDecimal("0.125"), Option.some(Liquidity.TAKER));
    }

    @Test
    void insert_reports_one_row_for_a_new_trade_and_none_for_a_replay() {
        Order order = storedOrder("ins-o-1", "INS1");
        Trade trade = trade("ins-t-1", order, "3", "10.005", T);

        assertThat(insert(trade)).isEqualTo(1);
        assertThat(insert(trade)).isZero();
    }

    @Test
    void a_conflicting_replay_fails_with_the_sqlstate_of_the_trigger() {
        Order order = storedOrder("ins-o-2", "INS2");
        insert(trade("ins-t-2", order, "3", "10", T));

        assertThatThrownBy(() -> insert(trade("ins-t-2", order, "3", "10.01", T)))
                .isInstanceOf(PersistenceException.class)
                .rootCause()
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23T01"))
                .hasMessageContaining("conflicting replay of trade ins-t-2");
    }

    @Test
    void the_row_holds_the_codes_and_the_trade_value_rounded_half_even_to_cents() throws Exception {
        Order order = storedOrder("ins-o-3", "INS3");
        insert(trade("ins-t-3", order, "1", "10.005", T)); // 10.005 -> 10.00 half-even (half-up would give 10.01)

        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT side, liquidity, trade_value, commission, quantity, price"
                        + " FROM trades WHERE trade_id = 'ins-t-3'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("side")).isEqualTo("sell");
            assertThat(rs.getString("liquidity")).isEqualTo("taker");
            assertThat(rs.getBigDecimal("trade_value")).isEqualByComparingTo("10.00");
            assertThat(rs.getBigDecimal("commission")).isEqualByComparingTo("0.125");
            assertThat(rs.getBigDecimal("price")).isEqualByComparingTo("10.005");
        }
    }

    @Test
    void a_range_of_a_symbol_reads_only_the_partitions_it_overlaps() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SELECT count(*) FROM maintain_partitions('2026-01-15T00:00:00Z')"); // 2026 Q1..Q3 too
        }
        Order order = storedOrder("prune-o-1", "PRUNE1");
        Trade q1 = trade("prune-t-1", order, "1", "10", Instant.parse("2026-02-01T10:00:00Z"));
        Trade q2 = trade("prune-t-2", order, "1", "10", Instant.parse("2026-05-01T10:00:00Z"));
        Trade q3 = trade("prune-t-3", order, "1", "10", Instant.parse("2026-08-01T10:00:00Z"));
        insert(q1);
        insert(q2);
        insert(q3);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("symbol", "PRUNE1");
        parameters.put("from", Instant.parse("2026-04-01T00:00:00Z"));
        parameters.put("to", Instant.parse("2026-07-01T00:00:00Z"));

        String plan = Explain.plan(db.sessions(), MAPPER + ".findBySymbol", parameters, "COSTS OFF");

        assertThat(partitionsIn(plan)).as(plan).containsExactly("trades_2026_q2");
        assertThat(repository().findBySymbol(Symbol.of("PRUNE1"), Instant.parse("2026-04-01T00:00:00Z"),
                Instant.parse("2026-07-01T00:00:00Z"))).containsExactly(q2);
    }

    @Test
    void a_trade_is_found_by_id_in_its_own_partition_only() {
        Order order = storedOrder("byid-o-1", "BYID1");
        insert(trade("byid-t-1", order, "1", "10", T));

        String plan = Explain.plan(db.sessions(), MAPPER + ".findById", Map.of("tradeId", "byid-t-1"),
                "ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF");

        java.util.List<String> executed = plan.lines()
                .filter(line -> line.contains(" on trades_") && !line.contains("never executed"))
                .toList();
        assertThat(executed).as(plan).hasSize(1);
    }

    @Test
    void the_trades_of_an_order_are_read_through_the_order_id_index() {
        String plan = Explain.plan(db.sessions(), MAPPER + ".findByOrderId", Map.of("orderId", "any-order"),
                "COSTS OFF", "SET LOCAL enable_seqscan = off");

        assertThat(plan).as(plan).containsPattern("Index (Only )?Scan using trades_\\w*order_id\\w* on trades_");
    }

    /**
     * The two hot reads of trades (docs/benchmarks.md, "The trades' hot reads") come from the index alone, already in
     * their ORDER BY's order: no heap page per trade, no sort of an order's or a month's trades.
     */
    @Test
    void the_trades_of_an_order_and_of_a_symbols_month_are_read_in_order_from_the_index_alone() throws Exception {
        Order order = storedOrder("ios-o-1", "IOS1");
        for (int i = 0; i < 20; i++) {
            insert(trade("ios-t-" + i, order, "1", "10", T.plusSeconds(20 - i)));
        }
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE trades"); // statistics and visibility map as the bench's data has them
        }
        Map<String, Object> month = new HashMap<>();
        month.put("symbol", "IOS1");
        month.put("from", T.minusSeconds(3600));
        month.put("to", T.plusSeconds(3600));
        String[] noShortcuts = {"SET LOCAL enable_seqscan = off", "SET LOCAL enable_bitmapscan = off"};

        String ofOrder = Explain.plan(db.sessions(), MAPPER + ".findByOrderId", Map.of("orderId", "ios-o-1"),
                "ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF", noShortcuts);
        String ofMonth = Explain.plan(db.sessions(), MAPPER + ".findBySymbol", month,
                "ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF", noShortcuts);

        for (String plan : java.util.List.of(ofOrder, ofMonth)) {
            // A Merge Append's "Sort Key" only names the order it keeps; a Sort node would sort the rows read.
            assertThat(plan).as(plan).contains("Index Only Scan").doesNotContainPattern("(?m)^(\\s*->)?\\s*Sort \\(");
        }
        assertThat(repository().findByOrderId(order.orderId()).map(t -> t.tradeId().value()))
                .as("in execution order").startsWith("ios-t-19", "ios-t-18").endsWith("ios-t-0");
    }

    private static java.util.List<String> partitionsIn(String plan) {
        Matcher matcher = Pattern.compile(" on (trades_\\w+)").matcher(plan);
        java.util.List<String> names = new java.util.ArrayList<>();
        while (matcher.find()) {
            if (!names.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
