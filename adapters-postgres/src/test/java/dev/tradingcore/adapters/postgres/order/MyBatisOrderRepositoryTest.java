package dev.tradingcore.adapters.postgres.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.Explain;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderRepositoryContract;
import dev.tradingcore.domain.order.OrderType;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The order contract on PostgreSQL, every statement run as {@code trading_app}, and the rows themselves. */
class MyBatisOrderRepositoryTest extends OrderRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected OrderRepository repository() {
        return new MyBatisOrderRepository(db.sessions());
    }

    @Test
    void the_row_holds_the_codes_the_broker_id_and_the_exact_filled_notional() throws Exception {
        Order order = filled(submitted(placed("o-row-1", "ROW1", Side.SELL, "3", OrderType.LIMIT,
                Option.some(Price.of("0.33333333")), Option.none(), T), T.plusSeconds(1)), "t-row-1", "2",
                "0.33333334", T.plusSeconds(2));

        repository().save(order);

        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT side, order_type, time_in_force, status, broker_order_id,"
                        + " filled_quantity, filled_notional, filled_avg_price, limit_price, stop_price, updated_at"
                        + " FROM orders WHERE order_id = 'o-row-1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("side")).isEqualTo("sell");
            assertThat(rs.getString("order_type")).isEqualTo("limit");
            assertThat(rs.getString("time_in_force")).isEqualTo("day");
            assertThat(rs.getString("status")).isEqualTo("partial_fill");
            assertThat(rs.getString("broker_order_id")).isEqualTo("brk-o-row-1");
            assertThat(rs.getBigDecimal("filled_quantity")).isEqualByComparingTo("2");
            assertThat(rs.getBigDecimal("filled_notional")).isEqualByComparingTo("0.66666668");
            assertThat(rs.getBigDecimal("filled_avg_price")).isEqualByComparingTo("0.33333334");
            assertThat(rs.getBigDecimal("limit_price")).isEqualByComparingTo("0.33333333");
            assertThat(rs.getBigDecimal("stop_price")).isNull();
            assertThat(rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant())
                    .isEqualTo(T.plusSeconds(2));
        }
    }

    @Test
    void open_orders_are_read_through_the_partial_index() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO orders (order_id, client_order_id, symbol, side, quantity, order_type, status,
                                        submitted_at, filled_quantity, filled_notional, filled_avg_price)
                    SELECT 'bulk-' || n, 'bulk-cli-' || n, 'IDX' || (n % 50), 'buy', 10, 'market',
                           CASE WHEN n % 100 = 0 THEN 'submitted' ELSE 'filled' END,
                           timestamptz '2026-01-01' + n * interval '1 second',
                           CASE WHEN n % 100 = 0 THEN 0 ELSE 10 END,
                           CASE WHEN n % 100 = 0 THEN 0 ELSE 100 END,
                           CASE WHEN n % 100 = 0 THEN NULL ELSE 10 END
                      FROM generate_series(1, 20000) AS n""");
            st.execute("ANALYZE orders");
        }

        String plan = Explain.planOfSql(db.sessions(), OrderSql.OPEN_BY_SYMBOL, java.util.List.of("IDX0"),
                "COSTS OFF");
        String forced = Explain.planOfSql(db.sessions(), OrderSql.OPEN_BY_SYMBOL, java.util.List.of("IDX0"),
                "COSTS OFF", "SET LOCAL enable_seqscan = off");

        assertThat(plan).as(plan).contains("idx_orders_active");
        assertThat(forced).as(forced).contains("idx_orders_active");
        assertThat(repository().findOpenBySymbol(dev.tradingcore.domain.common.Symbol.of("IDX0")))
                .hasSize(200)
                .allMatch(Order::isOpen);
    }

    @Test
    void the_fill_path_locks_an_order_and_updates_it_in_its_transaction() {
        Order order = submitted(market("o-lock-1", "LOCK1", T), T.plusSeconds(1));
        repository().save(order);
        Order after = filled(order, "t-lock-1", "40", "10.5", T.plusSeconds(2));

        try (SqlSession session = db.sessions().openSession(false)) {
            OrderMapper mapper = session.getMapper(OrderMapper.class);
            assertThat(mapper.lockById("o-lock-1").toOrder()).isEqualTo(order);
            assertThat(mapper.lockById("o-lock-missing")).isNull();
            assertThat(mapper.update(OrderRow.of(after))).isEqualTo(1);
            assertThat(mapper.update(OrderRow.of(market("o-lock-missing", "LOCK1", T)))).isZero();
            session.commit();
        }

        assertThat(repository().findById(OrderId.of("o-lock-1")).get()).isEqualTo(after);
        assertThat(repository().findById(OrderId.of("o-lock-missing")).isEmpty()).isTrue();
    }
}
