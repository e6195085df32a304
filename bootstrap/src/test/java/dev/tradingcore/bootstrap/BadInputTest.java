package dev.tradingcore.bootstrap;

import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear error and changes nothing: driven to where the core would write (a submission, a fill the
 * broker pushes, a cancel, a reason an operator types), and checked against the rows themselves, not their count.
 */
class BadInputTest {

    private static String database;
    private static TradingCore core;

    @BeforeAll
    static void start() {
        database = TemplateDatabase.createEmpty();
        core = TradingCore.builder()
                .settings(Settings.fromEnvironment().withDatabase(PostgresServer.get().urlOf(database)))
                .broker(SimulatedBroker.create(SimulationConfig.defaults(3), Clock.systemUTC()))
                .backgroundJobs(false).start();
    }

    @AfterAll
    static void stop() {
        core.close();
        TemplateDatabase.drop(database);
    }

    /**
     * Every row of the ledger's tables, as text, in a fixed order: what "nothing changed" is checked against. The
     * audit trail is counted by what a fill or an order change writes (the asynchronous logger's own lines, such as
     * the core's start, may land at any time).
     */
    private static List<String> ledger() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement()) {
            for (String query : new String[] {
                "SELECT 'order ' || row_to_json(o)::text FROM orders o ORDER BY order_id",
                "SELECT 'trade ' || row_to_json(t)::text FROM trades t ORDER BY trade_id",
                "SELECT 'trade id ' || row_to_json(i)::text FROM trade_ids i ORDER BY trade_id",
                "SELECT 'position ' || row_to_json(p)::text FROM positions p ORDER BY symbol",
                "SELECT 'audit ' || action || ' ' || details::text FROM audit_log WHERE component IN ('execution',"
                        + " 'reconciliation') ORDER BY id"}) {
                try (ResultSet rs = st.executeQuery(query)) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    private static Order accepted(String symbol, Side side, int quantity) {
        SubmitResult result = core.submit(OrderTicket.market(Symbol.of(symbol), side, Quantity.of(quantity),
                Price.of("190")));
        assertThat(result).as("the order to fill").isInstanceOf(SubmitResult.Accepted.class);
        return ((SubmitResult.Accepted) result).order();
    }

    @Test
    void values_that_cannot_exist_are_refused_by_their_constructors_with_the_rule_they_break() {
        // No database claim here: nothing of these can reach the core, as no value exists to hand it.
        assertThatThrownBy(() -> Quantity.of("-10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity -10 is negative");
        assertThatThrownBy(() -> Symbol.of("AAPL'; DROP TABLE orders; --")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid symbol");
        assertThatThrownBy(() -> Price.of("190.123456789")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 8 decimal places");
        assertThat(OrderType.fromCode("trailing_stop")).isEmpty();
        assertThat(OrderType.fromCode("market")).contains(OrderType.MARKET);
    }

    @Test
    void an_order_whose_parts_do_not_fit_together_is_refused_and_nothing_is_written() throws SQLException {
        List<String> before = ledger();

        SubmitResult stopWithoutStopPrice = core.submit(new OrderTicket(Symbol.of("AAPL"), Side.SELL, Quantity.of(5),
                OrderType.STOP, TimeInForce.GTC, Option.none(), Option.none(), Option.some(Price.of("190"))));
        SubmitResult limitWithAStopPrice = core.submit(new OrderTicket(Symbol.of("AAPL"), Side.BUY, Quantity.of(1),
                OrderType.LIMIT, TimeInForce.OPG, Option.some(Price.of("190")), Option.some(Price.of("191")),
                Option.none()));

        assertThat(stopWithoutStopPrice).isInstanceOfSatisfying(SubmitResult.Refused.class,
                r -> assertThat(r.reason().message()).contains("needs a stop price"));
        assertThat(limitWithAStopPrice).isInstanceOfSatisfying(SubmitResult.Refused.class,
                r -> assertThat(r.reason().message()).contains("takes no stop price"));
        assertThat(ledger()).isEqualTo(before);
    }

    @Test
    void a_fill_of_an_order_we_never_placed_is_refused_and_nothing_is_written() throws SQLException {
        Order order = accepted("MSFT", Side.BUY, 3);
        Trade stranger = aTradeFor(order).withId("bad-unknown-order").withQuantity("3").at("420").build();
        Trade ofNobody = new Trade(stranger.tradeId(), OrderId.of("never-placed"), stranger.symbol(), stranger.side(),
                stranger.quantity(), stranger.price(), stranger.timestamp(), stranger.commission(),
                stranger.liquidity());
        List<String> before = ledger();

        FillOutcome outcome = core.applyFill(ofNobody);

        assertThat(outcome).isInstanceOfSatisfying(FillOutcome.Refused.class,
                r -> assertThat(r.reason().message()).contains("never-placed").contains("not recorded"));
        assertThat(ledger()).as("no trade, no trade id, no position, no order change, no audit line")
                .isEqualTo(before);
    }

    @Test
    void a_fill_larger_than_its_order_is_refused_and_nothing_is_written() throws SQLException {
        Order order = accepted("GOOG", Side.BUY, 2);
        List<String> before = ledger();

        FillOutcome outcome = core.applyFill(aTradeFor(order).withId("bad-overfill").withQuantity("3").at("170")
                .build());

        assertThat(outcome).isInstanceOf(FillOutcome.Refused.class);
        assertThat(ledger()).isEqualTo(before);
        assertThat(core.position(Symbol.of("GOOG")).map(p -> p.quantity().signum()).getOrElse(0))
                .as("the position in memory did not move either").isZero();
    }

    @Test
    void a_fill_of_another_symbol_or_side_than_its_order_is_refused_and_nothing_is_written() throws SQLException {
        Order order = accepted("AMZN", Side.BUY, 4);
        List<String> before = ledger();

        FillOutcome otherSymbol = core.applyFill(aTradeFor(order).withId("bad-symbol").withSymbol("NVDA")
                .withQuantity("1").at("120").build());
        FillOutcome otherSide = core.applyFill(aTradeFor(order).withId("bad-side").withSide(Side.SELL)
                .withQuantity("1").at("185").build());

        assertThat(otherSymbol).isInstanceOfSatisfying(FillOutcome.Refused.class,
                r -> assertThat(r.reason().message()).contains("NVDA").contains("AMZN"));
        assertThat(otherSide).isInstanceOf(FillOutcome.Refused.class);
        assertThat(ledger()).isEqualTo(before);
    }

    @Test
    void cancelling_an_order_we_do_not_have_is_refused_and_nothing_is_written() throws SQLException {
        List<String> before = ledger();

        Either<Rejection, Order> cancelled = core.cancel(OrderId.of("no-such-order"));

        assertThat(cancelled.isLeft()).as("refused: %s", cancelled).isTrue();
        assertThat(cancelled.getLeft().message()).contains("no-such-order");
        assertThat(ledger()).isEqualTo(before);
    }

    @Test
    void a_reason_with_sql_in_it_is_stored_as_text_and_changes_nothing_else() throws SQLException {
        String reason = "halt'); DELETE FROM orders; DROP TABLE trades; --";
        accepted("NVDA", Side.BUY, 1);
        List<String> before = ledger();

        core.controls().turn(false, reason);

        assertThat(ledger()).as("orders and trades untouched").isEqualTo(before);
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT value->>'reason' FROM system_state"
                        + " WHERE key = 'trading_enabled'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(reason);
        }
        core.controls().turn(true, "test goes on");
    }
}
