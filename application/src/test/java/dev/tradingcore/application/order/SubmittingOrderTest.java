package dev.tradingcore.application.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.risk.DailyPnl;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.application.support.ScriptedBroker;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.InMemoryAuditLog;
import dev.tradingcore.domain.fakes.InMemoryOrderJournal;
import dev.tradingcore.domain.fakes.InMemoryOrderRepository;
import dev.tradingcore.domain.fakes.InMemorySystemStateRepository;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.DatabaseHealth;
import dev.tradingcore.domain.risk.RiskLimits;
import dev.tradingcore.domain.state.TradingSwitch;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubmittingOrderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);
    private static final Symbol AAPL = Symbol.of("AAPL");

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryOrderJournal journal = new InMemoryOrderJournal(orders, audit);
    private final InMemorySystemStateRepository state = new InMemorySystemStateRepository();
    private final RecordingAlertSink alerts = new RecordingAlertSink();
    private final ScriptedBroker broker = new ScriptedBroker();
    private final PositionCache positions = new PositionCache();
    private final TradingControls controls = new TradingControls(state, audit, alerts, CLOCK);
    private final AtomicInteger ids = new AtomicInteger();
    private DatabaseHealth health = DatabaseHealth.alwaysAvailable();

    private SubmittingOrder submitting() {
        return new SubmittingOrder(journal, orders, broker, positions, controls, new DailyPnl(positions, CLOCK), health,
                alerts, () -> OrderId.of("ord-" + ids.incrementAndGet()), CLOCK);
    }

    private static OrderTicket buy(String quantity) {
        return OrderTicket.market(AAPL, Side.BUY, Quantity.of(quantity), Price.of("100"));
    }

    @BeforeEach
    void tradingOnWithLimits() {
        state.saveTradingSwitch(TradingSwitch.on("test", CLOCK.instant()));
        state.saveRiskLimits(new RiskLimits(Money.of("10000"), Money.of("5000")));
    }

    @Test
    void an_accepted_order_is_recorded_pending_then_submitted_with_the_brokers_id() {
        SubmitResult result = submitting().submit(buy("10"));

        assertThat(result).isInstanceOfSatisfying(SubmitResult.Accepted.class, accepted -> {
            assertThat(accepted.order().status()).isEqualTo(OrderStatus.SUBMITTED);
            assertThat(accepted.order().brokerOrderId().get().value()).isEqualTo("brk-1");
        });
        assertThat(orders.findById(OrderId.of("ord-1")).get().status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(audit.events().map(e -> e.action())).containsExactly("order_placed", "order_submitted");
        assertThat(broker.calls()).containsExactly("submit ord-1");
    }

    /**
     * {@code run --broker-url http://127.0.0.1:1} reported its recovery incomplete and then sent its orders anyway.
     * While orders are held, nothing reaches the broker or the database; once released, orders go again.
     */
    @Test
    void orders_held_after_an_incomplete_recovery_are_refused_with_the_reason_until_released() {
        controls.holdOrders("start-up recovery is incomplete: the broker could not be reached");

        SubmitResult held = submitting().submit(buy("10"));

        assertThat(held).isInstanceOfSatisfying(SubmitResult.Refused.class, refused -> {
            assertThat(refused.reason().code()).isEqualTo("recovery_incomplete");
            assertThat(refused.reason().message()).contains("the broker could not be reached");
        });
        assertThat(broker.calls()).isEmpty();
        assertThat(orders.findById(OrderId.of("ord-1")).isEmpty()).isTrue();
        assertThat(audit.events()).isEmpty();

        controls.releaseOrders();
        assertThat(submitting().submit(buy("10"))).isInstanceOf(SubmitResult.Accepted.class);
    }

    /**
     * A ticket's reference price of 100 would let 90 shares (9000) pass a 10000 limit; at the market's 120 they are
     * worth 10800: the limit is checked at market value.
     */
    @Test
    void the_position_limit_is_checked_at_the_market_price_not_the_tickets() {
        positions.mark(dev.tradingcore.domain.marketdata.Quote.last(AAPL, CLOCK.instant(), Price.of("120")));

        SubmitResult result = submitting().submit(buy("90"));

        assertThat(result).isInstanceOfSatisfying(SubmitResult.Refused.class, refused -> {
            assertThat(refused.reason().code()).isEqualTo("position_limit");
            assertThat(refused.reason().message()).contains("10800.00");
        });
        assertThat(submitting().submit(buy("80"))).as("80 x 120 = 9600").isInstanceOf(SubmitResult.Accepted.class);
    }

    @Test
    void the_brokers_refusal_is_recorded_with_its_reason() {
        broker.thenSubmitFails(new BrokerFailure.Rejected("insufficient buying power", Option.some("40310000")));

        SubmitResult result = submitting().submit(buy("10"));

        assertThat(result).isInstanceOfSatisfying(SubmitResult.RejectedByBroker.class,
                rejected -> assertThat(rejected.brokerReason()).isEqualTo("insufficient buying power"));
        Order stored = orders.findById(OrderId.of("ord-1")).get();
        assertThat(stored.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(stored.errorMessage()).contains("insufficient buying power");
        assertThat(audit.events().map(e -> e.action())).containsExactly("order_placed", "order_rejected");
    }

    @Test
    void a_lost_answer_is_settled_by_the_client_order_id_and_never_sends_the_order_twice() {
        broker.thenSubmitAcceptedButAnswerLost(new BrokerFailure.Timeout(Duration.ofSeconds(5)));

        SubmitResult result = submitting().submit(buy("10"));

        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(broker.calls()).containsExactly("submit ord-1", "orderByClientOrderId ord-1");
        assertThat(orders.findById(OrderId.of("ord-1")).get().status()).isEqualTo(OrderStatus.SUBMITTED);
    }

    @Test
    void a_timeout_the_lookup_cannot_settle_leaves_the_order_pending_never_rejected() {
        broker.thenSubmitFails(new BrokerFailure.Timeout(Duration.ofSeconds(5)))
                .thenLookup(Either.left(new BrokerFailure.ServerError(503, "unavailable")));

        SubmitResult result = submitting().submit(buy("10"));

        assertThat(result).isInstanceOf(SubmitResult.Unconfirmed.class);
        assertThat(orders.findById(OrderId.of("ord-1")).get().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(audit.events().map(e -> e.action())).containsExactly("order_placed", "order_submit_unconfirmed");
    }

    @Test
    void a_request_that_definitely_never_arrived_is_sent_again_safely() {
        broker.thenSubmitFails(new BrokerFailure.ConnectionFailed("connection reset"));

        SubmitResult result = submitting().submit(buy("10"));

        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(broker.calls()).containsExactly("submit ord-1", "orderByClientOrderId ord-1", "submit ord-1");
    }

    @Test
    void a_first_request_arriving_after_the_lookup_makes_the_resend_a_duplicate_and_the_order_is_still_accepted() {
        broker.thenSubmitFails(new BrokerFailure.ConnectionFailed("connection reset"))
                .thenLookup(Either.left(new BrokerFailure.NotFound("client order id ord-1")))
                .thenSubmit(resend -> {
                    broker.acceptNow(resend); // the first request, delayed in the network, arrives now
                    return Either.left(new BrokerFailure.Rejected("client_order_id must be unique",
                            Option.some("40010001")));
                });

        SubmitResult result = submitting().submit(buy("10"));

        assertThat(result).as("live at the broker, so never recorded rejected").isInstanceOf(SubmitResult.Accepted.class);
        assertThat(broker.calls()).containsExactly("submit ord-1", "orderByClientOrderId ord-1", "submit ord-1",
                "orderByClientOrderId ord-1");
        assertThat(orders.findById(OrderId.of("ord-1")).get().status()).isEqualTo(OrderStatus.SUBMITTED);
    }

    @Test
    void when_recording_the_acceptance_fails_the_order_is_cancelled_at_the_broker_and_alerted() {
        broker.thenSubmit(request -> {
            journal.setUnavailable(true); // the database goes away while the broker works
            broker.thenCancel(Either.right(ScriptedBroker.brokerOrder(request, "brk-77", OrderStatus.CANCELLED,
                    "canceled")));
            return Either.right(ScriptedBroker.brokerOrder(request, "brk-77", OrderStatus.SUBMITTED, "new"));
        });

        SubmitResult result = submitting().submit(buy("10"));

        assertThat(result).isInstanceOfSatisfying(SubmitResult.Compensated.class,
                compensated -> assertThat(compensated.cancelConfirmed()).isTrue());
        assertThat(broker.calls()).containsExactly("submit ord-1", "cancel brk-77");
        assertThat(alerts.ofSeverity(AlertSeverity.CRITICAL).map(a -> a.title()))
                .containsExactly("Order cancelled by compensation");
    }

    @Test
    void orders_are_refused_before_the_broker_when_trading_is_off_or_the_database_is_down() {
        state.saveTradingSwitch(TradingSwitch.off("end of day", CLOCK.instant()));
        controls.reload();
        assertThat(submitting().submit(buy("10"))).isInstanceOfSatisfying(SubmitResult.Refused.class,
                refused -> assertThat(refused.reason().code()).isEqualTo("trading_disabled"));

        controls.turn(true, "morning");
        health = new DatabaseHealth() {
            @Override
            public boolean acceptingWork() {
                return false;
            }

            @Override
            public String describe() {
                return "circuit open since 15:00:00";
            }
        };
        assertThat(submitting().submit(buy("10"))).isInstanceOfSatisfying(SubmitResult.Refused.class,
                refused -> assertThat(refused.reason().message()).contains("database is unavailable")
                        .contains("circuit open"));
        assertThat(broker.calls()).isEmpty();
        assertThat(orders.findByStatuses(io.vavr.collection.HashSet.of(OrderStatus.values()))).isEmpty();
    }

    @Test
    void an_order_above_the_position_limit_is_refused_and_nothing_is_recorded() {
        SubmitResult result = submitting().submit(buy("101")); // 101 x 100 = 10,100 > 10,000

        assertThat(result).isInstanceOfSatisfying(SubmitResult.Refused.class,
                refused -> assertThat(refused.reason().code()).isEqualTo("position_limit"));
        assertThat(broker.calls()).isEmpty();
        assertThat(orders.findById(OrderId.of("ord-1")).isEmpty()).isTrue();
    }

    @Test
    void an_invalid_order_is_refused_with_the_rule_it_breaks() {
        OrderTicket limitWithoutPrice = new OrderTicket(AAPL, Side.BUY, Quantity.of("1"),
                dev.tradingcore.domain.order.OrderType.LIMIT, dev.tradingcore.domain.order.TimeInForce.DAY,
                Option.none(), Option.none(), Option.some(Price.of("100")));

        SubmitResult result = submitting().submit(limitWithoutPrice);

        assertThat(result).isInstanceOfSatisfying(SubmitResult.Refused.class,
                refused -> assertThat(refused.reason().message()).contains("needs a limit price"));
        assertThat(broker.calls()).isEmpty();
    }
}
