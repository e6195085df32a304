package dev.tradingcore.bootstrap.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.order.OrderRateGuard;
import dev.tradingcore.application.order.RestingOrders;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.risk.OrderRateLimits;
import dev.tradingcore.domain.risk.RiskLimits;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order storm guard on a real database and the in-process simulated exchange. The scenario the issue saw: after a
 * short outage the sample strategy looped into 12,000-17,000 refused orders at about 500 a second, none logged nor
 * audited, no limit stopping it. Here a strategy loops 3,000 times on orders the core refuses; the rate limit stops
 * it after the configured refusals, with exactly one alert, the refusals counted by reason and audited in one
 * aggregate row. The clock is the test's, so "per second" is exact.
 */
class OrderStormTest {

    private static final Symbol[] SYMBOLS = {Symbol.of("AAPL"), Symbol.of("MSFT"), Symbol.of("GOOG"),
        Symbol.of("AMZN"), Symbol.of("NVDA")};

    private String database;
    private Settings settings;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T15:00:00Z"));
    private final RecordingAlertSink alerts = new RecordingAlertSink();

    @BeforeEach
    void emptyDatabase() {
        database = TemplateDatabase.createEmpty();
        Settings base = Settings.fromEnvironment().withDatabase(PostgresServer.get().urlOf(database));
        // 50 orders a second (10 per symbol), 20 refusals a second (10 per symbol).
        settings = base.withTrading(new Settings.Trading(base.trading().initialCapital(),
                base.trading().riskSnapshotInterval(), base.trading().brokerSyncInterval(),
                new OrderRateLimits(50, 10, 20, 10), RestingOrders.Policy.defaults()));
    }

    @AfterEach
    void dropDatabase() {
        TemplateDatabase.drop(database);
    }

    @Test
    void a_strategy_looping_on_refused_orders_is_stopped_by_the_rate_limit_with_one_alert() throws Exception {
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(31), clock);
        Map<String, Integer> byReason = new TreeMap<>();
        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker).alerts(alerts).clock(clock)
                .backgroundJobs(false).start()) {
            core.controls().setRiskLimits(new RiskLimits(Money.of("1000000"), Money.of("50000")));
            // What the strategy loops on: every order refused (here the trading switch is off; after an outage it
            // was "database unavailable").
            core.controls().turn(false, "test: every order is refused");

            for (int i = 0; i < 3000; i++) {
                SubmitResult result = core.submit(limitBuy(SYMBOLS[i % SYMBOLS.length], "1.00"));
                assertThat(result).isInstanceOf(SubmitResult.Refused.class);
                byReason.merge(((SubmitResult.Refused) result).reason().code(), 1, Integer::sum);
            }

            assertThat(byReason).as("20 refusals a second reach the checks; the rest is stopped at the door")
                    .isEqualTo(Map.of("trading_disabled", 20, OrderRateGuard.REFUSED, 2980));
            assertThat(core.orderRateGuard().refusalsByReason()).as("refusals counted by reason")
                    .isEqualTo(Map.of("trading_disabled", 20L, OrderRateGuard.REFUSED, 2980L));
            assertThat(stormAlerts()).as("one alert for the storm, however long it lasts").hasSize(1);
            assertThat(stormAlerts().get(0).message()).contains("20 orders refused in the last second");

            clock.advance(Duration.ofSeconds(2));
            SubmitResult later = core.submit(limitBuy(SYMBOLS[0], "1.00"));
            assertThat(later).as("once the rate fell, orders reach the checks again")
                    .isInstanceOfSatisfying(SubmitResult.Refused.class,
                            r -> assertThat(r.reason().code()).isEqualTo("trading_disabled"));
            assertThat(stormAlerts()).as("still one alert").hasSize(1);
        }

        List<Map<String, String>> audited = auditDetails("orders_refused");
        assertThat(audited).as("audited in aggregate: one row for the period, not one per refusal").hasSize(1);
        assertThat(audited.get(0)).containsEntry("refused", "3001")
                .containsEntry("refused_trading_disabled", "21")
                .containsEntry("refused_" + OrderRateGuard.REFUSED, "2980");
        assertThat(count("SELECT count(*) FROM orders")).as("no refused order reached the books").isZero();
    }

    @Test
    void orders_faster_than_the_limit_are_throttled_and_the_accepted_ones_rest_until_the_core_stops()
            throws Exception {
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(32), clock);
        int accepted = 0;
        int limited = 0;
        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker).alerts(alerts).clock(clock)
                .backgroundJobs(false).start()) {
            core.controls().setRiskLimits(new RiskLimits(Money.of("1000000"), Money.of("50000")));
            core.controls().turn(true, "test session");
            for (int second = 0; second < 3; second++) {
                for (int i = 0; i < 40; i++) {
                    SubmitResult result = core.submit(limitBuy(SYMBOLS[0], "1.00"));
                    if (result instanceof SubmitResult.Accepted) {
                        accepted++;
                    } else if (result instanceof SubmitResult.Refused r
                            && r.reason().code().equals(OrderRateGuard.REFUSED)) {
                        limited++;
                    }
                }
                clock.advance(Duration.ofMillis(1001));
            }
            assertThat(accepted).as("10 orders a second for one symbol").isEqualTo(30);
            assertThat(limited).isEqualTo(90);
            assertThat(stormAlerts()).hasSize(1);
            assertThat(broker.exchange().openOrders()).as("far below the market: they rest").hasSize(30);
        }
        assertThat(broker.exchange().openOrders()).as("cancelled when the core stopped (the default policy)")
                .isEmpty();
        assertThat(count("SELECT count(*) FROM orders WHERE status = 'cancelled'")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'resting_order_cancel'")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'resting_orders_cancelled'")).isEqualTo(1);
        assertThat(alerts.titles()).as("a normal stop that cancelled everything pages nobody")
                .noneMatch(t -> t.contains("Resting orders"));
    }

    private List<Alert> stormAlerts() {
        return alerts.alerts().filter(a -> a.context().get(Incidents.KEY).contains(OrderRateGuard.INCIDENT)
                && a.context().get(Incidents.STATE).contains("raised")).asJava();
    }

    private static OrderTicket limitBuy(Symbol symbol, String limit) {
        return new OrderTicket(symbol, Side.BUY, Quantity.of(1), OrderType.LIMIT, TimeInForce.DAY,
                Option.some(Price.of(limit)), Option.none(), Option.some(Price.of(limit)));
    }

    private long count(String sql) throws Exception {
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Map<String, String>> auditDetails(String action) throws Exception {
        Map<Long, Map<String, String>> rows = new TreeMap<>();
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT a.id, d.key, d.value FROM audit_log a,"
                        + " jsonb_each_text(a.details) d WHERE a.action = '" + action + "'")) {
            while (rs.next()) {
                rows.computeIfAbsent(rs.getLong(1), id -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
        return new ArrayList<>(rows.values());
    }
}
