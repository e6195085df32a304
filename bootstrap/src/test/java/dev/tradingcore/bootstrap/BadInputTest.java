package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error and changes nothing: checked where an embedding application hands it to the core. */
class BadInputTest {

    private static String database;
    private static TradingCore core;

    @BeforeAll
    static void start() throws InterruptedException {
        database = TemplateDatabase.createEmpty();
        core = TradingCore.builder()
                .settings(Settings.fromEnvironment().withDatabase(PostgresServer.get().urlOf(database)))
                .broker(SimulatedBroker.create(SimulationConfig.defaults(3), Clock.systemUTC()))
                .backgroundJobs(false).start();
        // The core announces its start on the asynchronous audit log; let that line land before counting rows.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (core.auditLogger().stats().written() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(core.auditLogger().stats().written()).as("start-up audit line written").isEqualTo(1);
    }

    @AfterAll
    static void stop() {
        core.close();
        TemplateDatabase.drop(database);
    }

    private static long rows(String table) throws SQLException {
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long[] everything() throws SQLException {
        return new long[] {rows("orders"), rows("trades"), rows("positions"), rows("audit_log")};
    }

    @Test
    void a_negative_quantity_is_refused_before_it_reaches_the_core() throws SQLException {
        long[] before = everything();

        assertThatThrownBy(() -> OrderTicket.market(Symbol.of("AAPL"), Side.BUY, Quantity.of("-10"), Price.of("1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity -10 is negative");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void an_unknown_order_type_is_not_an_order_type() {
        assertThat(OrderType.fromCode("trailing_stop")).isEmpty();
        assertThat(OrderType.fromCode("market")).contains(OrderType.MARKET);
    }

    @Test
    void a_symbol_with_sql_in_it_is_refused_with_the_rule_it_breaks() throws SQLException {
        long[] before = everything();

        assertThatThrownBy(() -> Symbol.of("AAPL'; DROP TABLE orders; --"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid symbol");
        assertThat(everything()).isEqualTo(before);
        assertThat(rows("orders")).as("the table is still there").isGreaterThanOrEqualTo(0);
    }

    @Test
    void an_order_whose_parts_do_not_fit_together_is_refused_and_nothing_is_written() throws SQLException {
        long[] before = everything();

        SubmitResult stopWithoutStopPrice = core.submit(new OrderTicket(Symbol.of("AAPL"), Side.SELL, Quantity.of(5),
                OrderType.STOP, TimeInForce.GTC, Option.none(), Option.none(), Option.some(Price.of("190"))));
        SubmitResult limitWithAStopPrice = core.submit(new OrderTicket(Symbol.of("AAPL"), Side.BUY, Quantity.of(1),
                OrderType.LIMIT, TimeInForce.OPG, Option.some(Price.of("190")), Option.some(Price.of("191")),
                Option.none()));

        assertThat(stopWithoutStopPrice).isInstanceOfSatisfying(SubmitResult.Refused.class,
                r -> assertThat(r.reason().message()).contains("needs a stop price"));
        assertThat(limitWithAStopPrice).isInstanceOfSatisfying(SubmitResult.Refused.class,
                r -> assertThat(r.reason().message()).contains("takes no stop price"));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void a_price_with_more_places_than_the_schema_is_refused_not_rounded() {
        assertThatThrownBy(() -> Price.of("190.123456789"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 8 decimal places");
    }
}
