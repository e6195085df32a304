package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.risk.RiskLimits;
import dev.tradingcore.domain.trade.Trade;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedding API end to end on a real database: start, trade, stop, start again and find what was held. */
class TradingCoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

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
    void a_core_trades_and_a_restarted_core_finds_its_positions_again() {
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(11), CLOCK);
        OrderId orderId;
        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker).clock(CLOCK)
                .backgroundJobs(false).start()) {
            assertThat(core.recoveryReport().outcome()).isEqualTo(RecoveryReport.Outcome.CLEAN);
            core.controls().setRiskLimits(new RiskLimits(Money.of("100000"), Money.of("5000")));
            core.controls().turn(true, "test session");

            SubmitResult result = core.submit(OrderTicket.market(Symbol.of("AAPL"), Side.BUY, Quantity.of(10),
                    Price.of("190")));
            assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
            orderId = ((SubmitResult.Accepted) result).order().orderId();
            broker.step();
            assertThat(core.syncWithBroker().fills().applied()).isPositive();

            assertThat(core.position(Symbol.of("AAPL")).get().quantity()).isEqualByComparingTo("10");
            assertThat(core.orders().byId(orderId).get().status()).isEqualTo(OrderStatus.FILLED);
            Trade recorded = core.orders().tradesOf(orderId).head();
            assertThat(core.applyFill(recorded)).as("a redelivery").isInstanceOf(FillOutcome.AlreadyRecorded.class);
            assertThat(core.snapshotRisk().positionCount()).isEqualTo(1);
            assertThat(core.databaseHealth()).startsWith("database available");
        }

        try (TradingCore again = TradingCore.builder().settings(settings).broker(broker).clock(CLOCK)
                .backgroundJobs(false).start()) {
            assertThat(again.recoveryReport().outcome()).as("the broker agrees with what was stored")
                    .isEqualTo(RecoveryReport.Outcome.CLEAN);
            assertThat(again.position(Symbol.of("AAPL")).get().quantity()).as("loaded at start")
                    .isEqualByComparingTo("10");
            assertThat(again.orders().tradesOf(orderId)).hasSize(1);
            assertThat(again.controls().tradingSwitch().enabled()).isTrue();
        }
    }

    @Test
    void with_background_jobs_the_core_records_fills_without_being_asked() throws InterruptedException {
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(12), CLOCK);
        Settings fastSync = new Settings(settings.databaseUrl(), settings.poolSize(), settings.timeout(),
                settings.sslMode(), settings.embedded(), settings.replicaUrl(),
                new Settings.Trading(settings.trading().initialCapital(), settings.trading().riskSnapshotInterval(),
                        java.time.Duration.ofMillis(100)), settings.broker());
        try (TradingCore core = TradingCore.builder().settings(fastSync).broker(broker).clock(CLOCK).start()) {
            core.controls().setRiskLimits(new RiskLimits(Money.of("100000"), Money.of("5000")));
            core.controls().turn(true, "test session");
            assertThat(core.submit(OrderTicket.market(Symbol.of("MSFT"), Side.SELL, Quantity.of(3), Price.of("420"))))
                    .isInstanceOf(SubmitResult.Accepted.class);
            broker.step();

            long deadline = System.nanoTime() + 20_000_000_000L;
            while (core.position(Symbol.of("MSFT")).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(core.position(Symbol.of("MSFT")).map(p -> p.quantity().intValue()))
                    .as("recorded by the periodic broker sync").contains(-3);
        }
    }

    @Test
    void a_core_without_a_broker_does_not_start() {
        assertThatThrownBy(() -> TradingCore.builder().settings(settings).start())
                .hasMessageContaining("needs a broker");
    }
}
