package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A price the market data cache cannot hold (DECIMAL(20, 8)), pushed by an embedder or a broker's glitch. Before, it
 * was taken in memory (its symbol marked at it) and then made the next batch fail to write: every other price of
 * that batch was lost, and nothing was said. Now it is refused at once, naming it, and changes nothing.
 */
class PriceInputTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol MSFT = Symbol.of("MSFT");

    private String database;
    private Settings settings;

    @BeforeEach
    void emptyDatabase() {
        database = TemplateDatabase.createEmpty();
        settings = Settings.fromEnvironment().withDatabase(PostgresServer.get().urlOf(database));
    }

    @AfterEach
    void dropDatabase() {
        TemplateDatabase.drop(database);
    }

    @Test
    void a_price_too_large_to_store_is_refused_and_the_other_prices_reach_the_database() throws Exception {
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(71), Clock.systemUTC());
        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker)
                .alerts(new RecordingAlertSink()).backgroundJobs(false).start()) {
            core.updatePrice(AAPL, Price.of("190.00"));

            assertThatThrownBy(() -> core.updatePrice(MSFT, Price.of("1000000000000")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MSFT")
                    .hasMessageContaining("1000000000000");
            assertThat(core.component(dev.tradingcore.application.position.PositionCache.class).markOf(MSFT)
                    .isDefined()).as("MSFT marked at the refused price").isFalse();

            core.flushPrices();
            assertThat(count("SELECT count(*) FROM market_data_cache WHERE symbol = 'AAPL' AND price = 190"))
                    .as("the good price stored").isEqualTo(1);
        }
    }

    /**
     * The position limit is checked at the market price, but a mark a day old is no market price: an order whose own
     * reference price puts it past the limit was valued at the stale mark and accepted. Now a mark older than
     * risk.mark-stale-after gives way to the ticket's price.
     */
    @Test
    void a_stale_mark_does_not_value_an_order_below_its_own_price() {
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(72), Clock.systemUTC());
        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker)
                .alerts(new RecordingAlertSink()).backgroundJobs(false).start()) {
            core.controls().setRiskLimits(new dev.tradingcore.domain.risk.RiskLimits(
                    dev.tradingcore.domain.common.Money.of("100000"), dev.tradingcore.domain.common.Money.of("50000")));
            core.enableTrading("test", "test session");
            core.prices().update(dev.tradingcore.domain.marketdata.Quote.last(AAPL,
                    java.time.Instant.now().minus(java.time.Duration.ofDays(1)), Price.of("1.00")));

            dev.tradingcore.application.port.in.SubmitResult result = core.submit(
                    dev.tradingcore.application.port.in.OrderTicket.market(AAPL, dev.tradingcore.domain.common.Side.BUY,
                            dev.tradingcore.domain.common.Quantity.of(1000), Price.of("190.00")));

            assertThat(result).as("1000 x 190 against a 100000 limit")
                    .isInstanceOfSatisfying(dev.tradingcore.application.port.in.SubmitResult.Refused.class,
                            refused -> assertThat(refused.reason().code()).isEqualTo("position_limit"));
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
