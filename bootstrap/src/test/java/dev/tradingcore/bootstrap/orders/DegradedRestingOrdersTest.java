package dev.tradingcore.bootstrap.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.simulated.SimOrder;
import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.testing.Eventually;
import dev.tradingcore.adapters.postgres.testing.FaultProxy;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
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
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.risk.OrderRateLimits;
import dev.tradingcore.domain.risk.RiskLimits;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database away for longer than the resting-orders policy allows (here 1 s; the database reached through a fault
 * proxy that stops accepting and drops every connection): the core cannot keep its books, so it cancels our orders
 * resting at the broker (the in-process simulated exchange) while the database is still away, knowing them from
 * memory; one alert names them; once the database is back the cancels reach the books and the decision the audit
 * trail.
 */
class DegradedRestingOrdersTest {

    private String database;
    private FaultProxy proxy;
    private Settings settings;
    private final RecordingAlertSink alerts = new RecordingAlertSink();

    @BeforeEach
    void start() {
        database = TemplateDatabase.createEmpty();
        DatabaseUrl direct = PostgresServer.get().urlOf(database);
        String hostPort = direct.hosts();
        int colon = hostPort.lastIndexOf(':');
        proxy = FaultProxy.to(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        Settings base = Settings.fromEnvironment().withDatabase(direct.withHosts("127.0.0.1:" + proxy.port()));
        Settings.Trading trading = new Settings.Trading(base.trading().initialCapital(),
                base.trading().riskSnapshotInterval(), base.trading().brokerSyncInterval(), OrderRateLimits.defaults(),
                new RestingOrders.Policy(RestingOrders.Action.CANCEL, Duration.ofSeconds(1)));
        settings = new Settings(base.databaseUrl(), base.poolSize(), Duration.ofSeconds(1), base.sslMode(),
                base.embedded(), base.replicaUrl(), trading, base.broker(), base.alerts(), base.monitoring(),
                base.home());
    }

    @AfterEach
    void stop() {
        proxy.close();
        TemplateDatabase.drop(database);
    }

    @Test
    void the_database_away_longer_than_the_policy_allows_cancels_our_resting_orders_with_one_alert()
            throws Exception {
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(51), Clock.systemUTC());
        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker).alerts(alerts)
                .backgroundJobs(false).start()) {
            core.controls().setRiskLimits(new RiskLimits(Money.of("1000000"), Money.of("50000")));
            core.controls().turn(true, "test session");
            Set<String> ours = new TreeSet<>();
            for (String symbol : List.of("AAPL", "MSFT", "GOOG")) {
                SubmitResult result = core.submit(limitBuy(symbol));
                assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
                ours.add(((SubmitResult.Accepted) result).order().orderId().value());
            }
            assertThat(openAtBroker(broker)).isEqualTo(ours);

            proxy.stopAccepting();
            proxy.dropConnections();
            // Orders keep coming and are refused; the breaker opens on the failures.
            Eventually.within(Duration.ofSeconds(30), "the database guard opens", () -> {
                core.submit(limitBuy("NVDA"));
                return core.databaseHealth().startsWith("database unavailable");
            });
            Eventually.within(Duration.ofSeconds(15), "our resting orders cancelled at the broker, and said so",
                    () -> openAtBroker(broker).isEmpty() && alerts.titles().exists(t -> t.startsWith("Resting")));
            List<Alert> cancelled = alerts.alerts().filter(a -> a.title().equals("Resting orders cancelled at the"
                    + " broker")).asJava();
            assertThat(cancelled).as("one alert: %s", alerts.titles()).hasSize(1);
            assertThat(cancelled.get(0).context().get("trigger")).contains("degraded");
            assertThat(cancelled.get(0).message()).contains(ours).contains("trading.resting-orders-degraded-after");

            proxy.resumeAccepting();
            Eventually.within(Duration.ofSeconds(30), "the database available again",
                    () -> core.databaseHealth().startsWith("database available"));
            core.syncWithBroker();
            assertThat(ids("SELECT order_id FROM orders WHERE status = 'cancelled'"))
                    .as("the cancels reach the books once the database is back").isEqualTo(ours);
            Eventually.within(Duration.ofSeconds(20), "the decision audited once the database is back",
                    () -> ids("SELECT details ->> 'trigger' FROM audit_log WHERE action = 'resting_orders_cancelled'")
                            .contains("degraded"));
            assertThat(ids("SELECT details ->> 'order_id' FROM audit_log WHERE action = 'resting_order_cancel'"))
                    .as("each cancel audited").isEqualTo(ours);
            assertThat(alerts.titles().count(t -> t.startsWith("Resting orders"))).as("still one alert").isEqualTo(1);
        }
    }

    private static Set<String> openAtBroker(SimulatedBroker broker) {
        Set<String> open = new TreeSet<>();
        for (SimOrder order : broker.exchange().openOrders()) {
            open.add(order.clientOrderId());
        }
        return open;
    }

    private static OrderTicket limitBuy(String symbol) {
        return new OrderTicket(Symbol.of(symbol), Side.BUY, Quantity.of(1), OrderType.LIMIT, TimeInForce.DAY,
                Option.some(Price.of("1.00")), Option.none(), Option.some(Price.of("1.00")));
    }

    private Set<String> ids(String sql) {
        Set<String> ids = new TreeSet<>();
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }
}
