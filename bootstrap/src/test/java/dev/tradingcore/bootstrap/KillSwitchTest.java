package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.risk.RiskLimits;
import dev.tradingcore.domain.state.StartOfDay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily loss limit as a kill switch, on a real database: the simulated market replays AAPL falling while we hold
 * 100 shares and rest a MSFT bid. When today's loss (unrealized here: nothing is sold) reaches the limit, trading is
 * switched off, the resting order is cancelled at the broker, the next order is refused naming the limit, one
 * CRITICAL alert and one audit line are written; a restart later the same trading day keeps the start-of-day equity
 * and the switch off.
 */
class KillSwitchTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol MSFT = Symbol.of("MSFT");

    /** 10:00 in New York: the trading day began at 05:00 UTC. */
    private final dev.tradingcore.domain.fixtures.TestClock clock = new dev.tradingcore.domain.fixtures.TestClock(Instant.parse("2026-11-23T15:00:00Z"));

    @TempDir
    Path dir;

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
    void a_falling_price_trips_the_daily_loss_limit_once_and_a_restart_the_same_day_keeps_it_tripped()
            throws Exception {
        Path bars = dir.resolve("bars.csv");
        StringBuilder csv = new StringBuilder("symbol,timestamp,open,high,low,close,volume\n");
        String[] aapl = {"190.00", "190.00", "189.00", "187.00", "185.00", "183.00", "181.00", "179.00", "177.00",
            "175.00", "170.00", "165.00"};
        for (int i = 0; i < aapl.length; i++) {
            String at = Instant.parse("2026-11-23T14:30:00Z").plusSeconds(60L * i).toString();
            csv.append("AAPL,").append(at).append(',').append(aapl[i]).append(',').append(aapl[i]).append(',')
                    .append(aapl[i]).append(',').append(aapl[i]).append(",1000\n");
            csv.append("MSFT,").append(at).append(",420.00,420.00,420.00,420.00,1000\n");
        }
        Files.writeString(bars, csv);
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(5).withBars(bars), clock);
        RecordingAlertSink alerts = new RecordingAlertSink();
        StartOfDay startOfDay;
        OrderId resting;
        try (TradingCore core = start(broker, alerts)) {
            core.controls().setRiskLimits(new RiskLimits(Money.of("100000"), Money.of("1000")));
            core.enableTrading("alice", "test session");
            startOfDay = core.startOfDay();
            assertThat(startOfDay.equity()).isEqualTo(Money.of("1000000.00"));
            assertThat(startOfDay.day()).hasToString("2026-11-23");

            assertThat(core.submit(OrderTicket.market(AAPL, Side.BUY, Quantity.of(100), Price.of("190"))))
                    .isInstanceOf(SubmitResult.Accepted.class);
            step(core, broker);
            assertThat(core.position(AAPL).get().quantity()).isEqualByComparingTo("100");
            SubmitResult bid = core.submit(OrderTicket.limit(MSFT, Side.BUY, Quantity.of(10), Price.of("400.00")));
            assertThat(bid).isInstanceOf(SubmitResult.Accepted.class);
            resting = ((SubmitResult.Accepted) bid).order().orderId();

            int steps = 0;
            while (core.controls().tradingSwitch().enabled() && steps++ < 10) {
                step(core, broker);
            }
            assertThat(core.controls().tradingSwitch().enabled()).as("switched off by the limit").isFalse();
            assertThat(core.pnlToday()).as("today's P&L, unrealized: nothing was sold")
                    .isLessThanOrEqualTo(Money.of("-1000"));
            assertThat(core.position(AAPL).get().quantity()).as("nothing was sold").isEqualByComparingTo("100");

            assertThat(core.orders().byId(resting).get().status()).as("our resting bid")
                    .isEqualTo(OrderStatus.CANCELLED);
            assertThat(broker.exchange().openOrders()).as("open at the broker").isEmpty();

            SubmitResult next = core.submit(OrderTicket.limit(MSFT, Side.BUY, Quantity.of(1), Price.of("400.00")));
            assertThat(next).isInstanceOf(SubmitResult.Refused.class);
            assertThat(((SubmitResult.Refused) next).reason().message()).contains("daily loss limit of 1000.00");

            // The price keeps falling: still one incident.
            step(core, broker);
            step(core, broker);
            assertThat(alerts.ofSeverity(AlertSeverity.CRITICAL)).as("CRITICAL alerts").hasSize(1);
            assertThat(alerts.ofSeverity(AlertSeverity.CRITICAL).get(0).message())
                    .contains("daily loss limit").contains("1 of 1 open orders cancelled at the broker");
            assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'trading_halted'"
                    + " AND severity = 'critical' AND details->>'limit' = 'daily_loss_limit'")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM audit_log WHERE action IN ('trading_halted', 'trading_disabled')"))
                    .as("audit lines of the switch going off").isEqualTo(1);
        }

        clock.advance(Duration.ofHours(3)); // 13:00 in New York: the same trading day
        try (TradingCore again = start(broker, alerts)) {
            StartOfDay stored = again.startOfDay();
            assertThat(stored.equity()).as("the stored start-of-day equity").isEqualTo(startOfDay.equity());
            assertThat(stored.takenAt()).as("taken at the first start, not now").isEqualTo(startOfDay.takenAt());
            assertThat(stored.haltedAt().isDefined()).as("the day's halt, stored with it").isTrue();
            assertThat(again.controls().tradingSwitch().enabled()).as("still off after the restart").isFalse();
            assertThat(again.pnlToday()).as("the day's loss is not forgiven by a restart")
                    .isLessThanOrEqualTo(Money.of("-1000"));
            SubmitResult refused = again.submit(OrderTicket.limit(MSFT, Side.BUY, Quantity.of(1),
                    Price.of("400.00")));
            assertThat(refused).isInstanceOf(SubmitResult.Refused.class);
            assertThat(((SubmitResult.Refused) refused).reason().message()).contains("daily loss limit");

            again.enableTrading("bob", "limit reviewed; reducing AAPL");
            assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'trading_enabled' AND user_id = 'bob'"))
                    .as("who turned it back on").isEqualTo(1);
            SubmitResult adding = again.submit(OrderTicket.market(AAPL, Side.BUY, Quantity.of(1), Price.of("170")));
            assertThat(adding).as("an order adding risk, still beyond the limit").isInstanceOf(
                    SubmitResult.Refused.class);
            assertThat(((SubmitResult.Refused) adding).reason().code()).isEqualTo("daily_loss_limit");
            assertThat(again.submit(OrderTicket.market(AAPL, Side.SELL, Quantity.of(50), Price.of("170"))))
                    .as("an order cutting risk").isInstanceOf(SubmitResult.Accepted.class);
            assertThat(again.controls().tradingSwitch().enabled()).as("not thrown again the same day").isTrue();
            assertThat(alerts.ofSeverity(AlertSeverity.CRITICAL)).as("still one CRITICAL alert").hasSize(1);
        }
    }

    /**
     * The database stops answering for a moment just as the limit trips (here: another session holds the orders
     * table locked, so the kill switch's read of our open orders waits out the 1 s timeout). The switch goes off and
     * the halt is stored; the open orders could not be listed. Before, the guard never came back to them: the bid kept
     * working at the broker and no alert went out. Now one CRITICAL alert says so at once, and the cancels are made
     * at the first price after the database is back.
     */
    @Test
    void a_halt_whose_open_orders_cannot_be_read_alerts_at_once_and_cancels_them_once_the_database_answers()
            throws Exception {
        settings = new Settings(settings.databaseUrl(), settings.poolSize(), Duration.ofSeconds(1),
                settings.sslMode(), settings.embedded(), settings.replicaUrl(), settings.trading(), settings.broker(),
                settings.alerts(), settings.monitoring(), settings.home());
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(7).withBars(fallingAapl()), clock);
        RecordingAlertSink alerts = new RecordingAlertSink();
        try (TradingCore core = start(broker, alerts)) {
            core.controls().setRiskLimits(new RiskLimits(Money.of("100000"), Money.of("1000")));
            core.enableTrading("alice", "test session");
            assertThat(core.submit(OrderTicket.market(AAPL, Side.BUY, Quantity.of(100), Price.of("190"))))
                    .isInstanceOf(SubmitResult.Accepted.class);
            step(core, broker);
            assertThat(core.submit(OrderTicket.limit(MSFT, Side.BUY, Quantity.of(10), Price.of("400.00"))))
                    .isInstanceOf(SubmitResult.Accepted.class);
            assertThat(broker.exchange().openOrders()).as("our bid rests").hasSize(1);

            try (Connection locker = PostgresServer.get().connect(database); Statement st = locker.createStatement()) {
                locker.setAutoCommit(false);
                st.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
                int steps = 0;
                while (core.controls().tradingSwitch().enabled() && steps++ < 10) {
                    broker.step();
                    try {
                        core.pollPrices(broker);
                    } catch (RuntimeException databaseAway) {
                        // the price was taken; what needed the database did not answer
                    }
                }
                locker.rollback();
            }
            assertThat(core.controls().tradingSwitch().enabled()).as("switched off by the limit").isFalse();
            io.vavr.collection.List<dev.tradingcore.domain.port.Alert> halted = alerts.alerts()
                    .filter(a -> a.title().equals("Trading halted: daily loss limit"));
            assertThat(halted).as("the halt alerted at once: %s", alerts.titles()).hasSize(1);
            assertThat(halted.get(0).severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(halted.get(0).message()).contains("could NOT be cancelled");

            dev.tradingcore.adapters.postgres.testing.Eventually.within(Duration.ofSeconds(30),
                    "the database answers again", () -> core.databaseHealth().startsWith("database available"));
            step(core, broker);
            assertThat(broker.exchange().openOrders()).as("our bid, once the database answers").isEmpty();
            assertThat(alerts.titles()).contains("Open orders cancelled after the daily loss halt");
            assertThat(alerts.titles().count(t -> t.equals("Trading halted: daily loss limit")))
                    .as("still one halt alert").isEqualTo(1);
        }
    }

    private Path fallingAapl() throws java.io.IOException {
        Path bars = dir.resolve("falling.csv");
        StringBuilder csv = new StringBuilder("symbol,timestamp,open,high,low,close,volume\n");
        String[] aapl = {"190.00", "190.00", "189.00", "187.00", "185.00", "183.00", "181.00", "179.00", "177.00",
            "175.00", "170.00", "165.00"};
        for (int i = 0; i < aapl.length; i++) {
            String at = Instant.parse("2026-11-23T14:30:00Z").plusSeconds(60L * i).toString();
            csv.append("AAPL,").append(at).append(',').append(aapl[i]).append(',').append(aapl[i]).append(',')
                    .append(aapl[i]).append(',').append(aapl[i]).append(",1000\n");
            csv.append("MSFT,").append(at).append(",420.00,420.00,420.00,420.00,1000\n");
        }
        Files.writeString(bars, csv);
        return bars;
    }

    /** {@code trading disable} typed while a core runs: the running core stops taking orders, without a restart. */
    @Test
    void a_switch_turned_by_another_process_reaches_a_running_core() throws Exception {
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(6), clock);
        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker).clock(clock).start()) {
            core.controls().setRiskLimits(new RiskLimits(Money.of("100000"), Money.of("1000")));
            core.enableTrading("alice", "test session");
            try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE system_state SET value = '{\"enabled\": false, \"reason\": \"typed by ana\","
                        + " \"changed_at\": \"2026-11-23T15:00:00Z\"}' WHERE key = 'trading_enabled'");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (core.controls().tradingSwitch().enabled() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            SubmitResult refused = core.submit(OrderTicket.limit(MSFT, Side.BUY, Quantity.of(1), Price.of("400.00")));
            assertThat(refused).isInstanceOf(SubmitResult.Refused.class);
            assertThat(((SubmitResult.Refused) refused).reason().message()).contains("typed by ana");
        }
    }

    private TradingCore start(SimulatedBroker broker, RecordingAlertSink alerts) {
        return TradingCore.builder().settings(settings).broker(broker).alerts(alerts).clock(clock)
                .backgroundJobs(false).start();
    }

    /** The market moves a bar; its prices reach the core; fills and order states are synced. */
    private static void step(TradingCore core, SimulatedBroker broker) {
        broker.step();
        core.pollPrices(broker);
        core.syncWithBroker();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
