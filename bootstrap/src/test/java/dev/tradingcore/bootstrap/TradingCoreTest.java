package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.port.OrderRequest;
import dev.tradingcore.domain.risk.RiskLimits;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
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
        settings = Settings.defaults().withDatabase(PostgresServer.get().urlOf(database));
    }

    @AfterEach
    void dropDatabase() {
        TemplateDatabase.drop(database);
    }

    @Test
    void a_core_trades_and_a_restarted_core_finds_its_positions_again() {
        AcceptingBroker broker = new AcceptingBroker();
        OrderId orderId;
        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker).clock(CLOCK)
                .backgroundJobs(false).start()) {
            core.controls().setRiskLimits(new RiskLimits(Money.of("100000"), Money.of("5000")));
            core.controls().turn(true, "test session");

            SubmitResult result = core.submit(OrderTicket.limit(Symbol.of("AAPL"), Side.BUY, Quantity.of(10),
                    Price.of("190")));
            assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
            Order order = ((SubmitResult.Accepted) result).order();
            orderId = order.orderId();

            Trade fill = new Trade(TradeId.of("fill-1"), orderId, Symbol.of("AAPL"), Side.BUY, Quantity.of(10),
                    Price.of("189.50"), CLOCK.instant(), new BigDecimal("0.5"), Option.some(Liquidity.MAKER));
            assertThat(core.applyFill(fill)).isInstanceOf(FillOutcome.Applied.class);
            assertThat(core.applyFill(fill)).isInstanceOf(FillOutcome.AlreadyRecorded.class);
            assertThat(core.position(Symbol.of("AAPL")).get().quantity()).isEqualByComparingTo("10");
            assertThat(core.orders().byId(orderId).get().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(core.snapshotRisk().positionCount()).isEqualTo(1);
            assertThat(core.databaseHealth()).contains("closed");
        }

        try (TradingCore again = TradingCore.builder().settings(settings).broker(broker).clock(CLOCK)
                .backgroundJobs(false).start()) {
            assertThat(again.position(Symbol.of("AAPL")).get().quantity()).as("loaded at start")
                    .isEqualByComparingTo("10");
            assertThat(again.orders().tradesOf(orderId)).hasSize(1);
            assertThat(again.controls().tradingSwitch().enabled()).isTrue();
        }
    }

    @Test
    void a_core_without_a_broker_does_not_start() {
        assertThatThrownBy(() -> TradingCore.builder().settings(settings).start())
                .hasMessageContaining("needs a broker");
    }

    /** A broker that accepts every order and knows nothing else. */
    static final class AcceptingBroker implements BrokerGateway {

        private final ConcurrentHashMap<ClientOrderId, BrokerOrder> orders = new ConcurrentHashMap<>();

        @Override
        public Either<BrokerFailure, BrokerOrder> submit(OrderRequest request) {
            BrokerOrder order = new BrokerOrder(BrokerOrderId.of("b-" + request.clientOrderId()),
                    Option.some(request.clientOrderId()), request.symbol(), request.side(), request.quantity(),
                    Quantity.ZERO, Option.none(), OrderStatus.SUBMITTED, "new", Option.none(), CLOCK.instant());
            orders.put(request.clientOrderId(), order);
            return Either.right(order);
        }

        @Override
        public Either<BrokerFailure, BrokerOrder> cancel(BrokerOrderId brokerOrderId) {
            return Either.left(new BrokerFailure.NotFound(brokerOrderId.value()));
        }

        @Override
        public Either<BrokerFailure, BrokerOrder> orderById(BrokerOrderId brokerOrderId) {
            return Either.left(new BrokerFailure.NotFound(brokerOrderId.value()));
        }

        @Override
        public Either<BrokerFailure, BrokerOrder> orderByClientOrderId(ClientOrderId clientOrderId) {
            return Option.of(orders.get(clientOrderId))
                    .toEither(() -> (BrokerFailure) new BrokerFailure.NotFound(clientOrderId.value()));
        }

        @Override
        public Either<BrokerFailure, List<BrokerOrder>> openOrders() {
            return Either.right(List.ofAll(orders.values()));
        }

        @Override
        public Either<BrokerFailure, List<BrokerPosition>> positions() {
            return Either.right(List.empty());
        }

        @Override
        public Either<BrokerFailure, List<BrokerFill>> fillsSince(Instant since) {
            return Either.right(List.empty());
        }
    }
}
