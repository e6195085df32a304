package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.port.OrderRequest;
import dev.tradingcore.domain.risk.RiskLimits;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trading on a broken start: {@code run --broker paper --broker-url http://127.0.0.1:1} reported "recovery
 * incomplete, positions not reconciled", then sent its orders anyway (four left unconfirmed), exit status 0. A core
 * whose start-up recovery is incomplete now places no order until a recovery succeeds, unless told to (audited).
 */
class BrokenStartTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private String database;
    private Pager pager;

    @BeforeEach
    void start() {
        database = TemplateDatabase.createEmpty();
        pager = new Pager();
    }

    @AfterEach
    void stop() {
        pager.close();
        TemplateDatabase.drop(database);
    }

    private Cli cli() {
        var url = PostgresServer.get().urlOf(database);
        String jdbc = url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?") + "user="
                + url.user().orElse("postgres") + url.password().map(p -> "&password=" + p).orElse("");
        java.util.List<String> always = new java.util.ArrayList<>(java.util.List.of("--set", "database.url=" + jdbc,
                "--set", "trading-core.home=" + home));
        always.addAll(pager.settings());
        return new Cli(always);
    }

    private <T> T rows(LedgerRows.Reading<T> reading) throws Exception {
        return LedgerRows.of(PostgresServer.get().connect(database), reading);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void run_against_a_broker_it_cannot_reach_places_no_order_exits_3_and_says_what_to_do() throws Exception {
        Cli.Run run = cli().run("run", "--broker", "paper", "--broker-url", "http://127.0.0.1:" + closedPort(),
                "--orders", "20");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("recovery: incomplete");
        assertThat(run.err()).contains("placed no order").contains("what to do")
                .contains("--trade-despite-incomplete-recovery");
        assertThat(this.<Long>rows(r -> r.count("orders"))).isZero();
        assertThat(pager.take()).as("the one alert the situation justifies").singleElement()
                .satisfies(page -> {
                    assertThat(page.severity()).isEqualTo("WARNING");
                    assertThat(page.title()).isEqualTo("Start-up recovery incomplete");
                });
    }

    @Test
    void trading_despite_an_incomplete_recovery_is_possible_when_asked_and_audited() throws Exception {
        Cli.Run run = cli().run("run", "--broker", "paper", "--broker-url", "http://127.0.0.1:" + closedPort(),
                "--orders", "2", "--trade-despite-incomplete-recovery");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("trading despite the incomplete recovery");
        assertThat(this.<Long>rows(r -> r.count("orders"))).as("the orders were placed (the broker never answered)")
                .isEqualTo(2);
        assertThat(this.<Long>rows(r -> r.auditLines("trading_despite_incomplete_recovery"))).isEqualTo(1);
    }

    /** The embedding API: a broker down at start, then back. */
    @Test
    void the_embedding_api_refuses_orders_with_the_reason_until_a_recovery_succeeds() {
        SimulatedBroker simulation = SimulatedBroker.create(SimulationConfig.defaults(3), CLOCK);
        Unreachable broker = new Unreachable(simulation);
        RecordingAlertSink alerts = new RecordingAlertSink();
        Settings settings = Settings.fromEnvironment().withDatabase(PostgresServer.get().urlOf(database));
        broker.down.set(true);
        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker).alerts(alerts).clock(CLOCK)
                .backgroundJobs(false).start()) {
            core.controls().setRiskLimits(new RiskLimits(Money.of("100000"), Money.of("5000")));
            core.controls().turn(true, "test session");
            assertThat(core.recoveryReport().outcome()).isEqualTo(RecoveryReport.Outcome.INCOMPLETE);
            broker.down.set(false);

            SubmitResult refused = core.submit(buy());
            assertThat(refused).isInstanceOfSatisfying(SubmitResult.Refused.class, r -> {
                assertThat(r.reason().code()).isEqualTo("recovery_incomplete");
                assertThat(r.reason().message()).contains("no connection to the broker").contains("recover()");
            });
            assertThat(broker.submits.get()).isZero();
            assertThat(alerts.ofSeverity(AlertSeverity.WARNING).map(a -> a.title()))
                    .containsExactly("Start-up recovery incomplete");

            assertThat(core.recover().outcome()).isEqualTo(RecoveryReport.Outcome.CLEAN);
            assertThat(core.ordersHeld()).isEqualTo(Option.none());
            assertThat(core.submit(buy())).isInstanceOf(SubmitResult.Accepted.class);
            assertThat(broker.submits.get()).isOne();
        }
    }

    private static OrderTicket buy() {
        return OrderTicket.market(Symbol.of("AAPL"), Side.BUY, Quantity.of(5), Price.of("190"));
    }

    /** A broker that answers nothing while {@link #down}, as a closed port does. */
    private static final class Unreachable implements BrokerGateway {

        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger submits = new AtomicInteger();
        private final BrokerGateway broker;

        Unreachable(BrokerGateway broker) {
            this.broker = broker;
        }

        private <T> Either<BrokerFailure, T> call(Supplier<Either<BrokerFailure, T>> work) {
            return down.get() ? Either.left(new BrokerFailure.ConnectionFailed("connection refused")) : work.get();
        }

        @Override
        public Either<BrokerFailure, BrokerOrder> submit(OrderRequest request) {
            submits.incrementAndGet();
            return call(() -> broker.submit(request));
        }

        @Override
        public Either<BrokerFailure, BrokerOrder> cancel(BrokerOrderId id) {
            return call(() -> broker.cancel(id));
        }

        @Override
        public Either<BrokerFailure, BrokerOrder> orderById(BrokerOrderId id) {
            return call(() -> broker.orderById(id));
        }

        @Override
        public Either<BrokerFailure, BrokerOrder> orderByClientOrderId(ClientOrderId id) {
            return call(() -> broker.orderByClientOrderId(id));
        }

        @Override
        public Either<BrokerFailure, Listing<BrokerOrder>> openOrders() {
            return call(broker::openOrders);
        }

        @Override
        public Either<BrokerFailure, List<BrokerPosition>> positions() {
            return call(broker::positions);
        }

        @Override
        public Either<BrokerFailure, Listing<BrokerFill>> fillsSince(Instant since) {
            return call(() -> broker.fillsSince(since));
        }

        @Override
        public Either<BrokerFailure, Option<String>> account() {
            return call(broker::account);
        }
    }
}
