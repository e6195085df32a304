package dev.tradingcore.domain.reconciliation;

import static dev.tradingcore.domain.fixtures.OrderBuilder.T0;
import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderEvent;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.reconciliation.RecoveryDecision.Outcome;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderRecoveryTest {

    private static final Instant NOW = T0.plusSeconds(3600);
    private static final BrokerOrderId BROKER_ID = BrokerOrderId.of("brk-ord-1");

    private static BrokerOrder brokerSays(OrderStatus status, String filled, String raw) {
        return new BrokerOrder(BROKER_ID, Option.none(), dev.tradingcore.domain.common.Symbol.of("AAPL"),
                dev.tradingcore.domain.common.Side.BUY, Quantity.of("100"), Quantity.of(filled), Option.none(), status,
                raw, Option.none(), NOW);
    }

    private static final Duration IN_FLIGHT = Duration.ofSeconds(30);

    /** Our order with the fills the journal booked (as recovery books the window's fills before deciding). */
    private static Order withFills(Order order, String... quantities) {
        Order current = order;
        int n = 0;
        for (String quantity : quantities) {
            n++;
            current = current.applyFill(new dev.tradingcore.domain.trade.Trade(TradeId.of("t" + n), order.orderId(),
                    order.symbol(), order.side(), Quantity.of(quantity), Price.of("10"), T0.plusSeconds(n),
                    BigDecimal.ZERO, Option.some(Liquidity.TAKER)), NOW).get().order();
        }
        return current;
    }

    private static RecoveryDecision decide(Order order, Either<BrokerFailure, BrokerOrder> answer) {
        return OrderRecovery.decide(order, answer, NOW, IN_FLIGHT);
    }

    @Nested
    class TransientErrors {

        @Test
        void a_timeout_never_marks_a_live_order_rejected() {
            Order submitted = anOrder().submitted();

            RecoveryDecision decision = decide(submitted,
                    Either.left(new BrokerFailure.Timeout(Duration.ofSeconds(5))));

            assertThat(decision.outcome()).isEqualTo(Outcome.RETRY_LATER);
            assertThat(decision.events()).isEmpty();
            assertThat(decision.after()).isEqualTo(submitted);
        }

        @Test
        void a_5xx_a_rate_limit_and_a_broken_connection_change_nothing_either() {
            Order partly = anOrder().submitted();
            for (BrokerFailure failure : List.<BrokerFailure>of(new BrokerFailure.ServerError(503, "unavailable"),
                    new BrokerFailure.RateLimited(Option.some(Duration.ofSeconds(30))),
                    new BrokerFailure.ConnectionFailed("reset by peer"))) {
                RecoveryDecision decision = decide(partly, Either.left(failure));

                assertThat(decision.outcome()).as(failure.message()).isEqualTo(Outcome.RETRY_LATER);
                assertThat(decision.after().status()).isEqualTo(OrderStatus.SUBMITTED);
            }
        }
    }

    @Nested
    class DefinitiveAnswers {

        @Test
        void a_pending_order_younger_than_a_submit_may_take_is_never_rejected_for_not_found() {
            Order young = anOrder().pending();
            young = new Order(young.orderId(), young.clientOrderId(), young.brokerOrderId(), young.symbol(),
                    young.side(), young.quantity(), young.orderType(), young.timeInForce(), young.limitPrice(),
                    young.stopPrice(), young.status(), young.filledQuantity(), young.filledNotional(),
                    young.filledAvgPrice(), NOW.minusSeconds(5), NOW.minusSeconds(5), young.filledAt(),
                    young.cancelledAt(), young.errorMessage());

            RecoveryDecision decision = decide(young, Either.left(new BrokerFailure.NotFound("client order id x")));

            assertThat(decision.outcome()).isEqualTo(Outcome.RETRY_LATER);
            assertThat(decision.reason()).contains("may still be in flight");
        }

        @Test
        void a_pending_order_the_broker_never_saw_is_rejected() {
            RecoveryDecision decision = decide(anOrder().pending(),
                    Either.left(new BrokerFailure.NotFound("client order id cli-ord-1")));

            assertThat(decision.outcome()).isEqualTo(Outcome.ADVANCED);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(decision.after().errorMessage().get()).startsWith("never reached the broker");
        }

        @Test
        void an_acknowledged_order_the_broker_no_longer_knows_becomes_unknown_and_escalates() {
            RecoveryDecision decision = decide(anOrder().submitted(),
                    Either.left(new BrokerFailure.NotFound("order brk-ord-1")));

            assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.UNKNOWN);
        }

        @Test
        void a_refused_status_query_changes_nothing_and_escalates() {
            RecoveryDecision decision = decide(anOrder().submitted(),
                    Either.left(new BrokerFailure.Rejected("forbidden", Option.some("40310000"))));

            assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
            assertThat(decision.events()).isEmpty();
        }
    }

    @Nested
    class BrokerKnowsTheOrder {

        @Test
        void an_order_whose_fills_are_booked_follows_the_brokers_end() {
            Order filled = withFills(anOrder().withQuantity("100").submitted(), "40");

            RecoveryDecision decision = decide(filled, Either.right(brokerSays(OrderStatus.CANCELLED, "40",
                    "canceled")));

            assertThat(decision.outcome()).isEqualTo(Outcome.ADVANCED);
            assertThat(decision.events().map(Object::getClass)).containsExactly(OrderEvent.Cancelled.class);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(decision.after().filledQuantity()).isEqualTo(Quantity.of("40"));
        }

        @Test
        void an_order_the_broker_filled_further_than_we_booked_awaits_its_fills_and_keeps_its_status() {
            Order partly = withFills(anOrder().withQuantity("100").submitted(), "60");

            RecoveryDecision decision = decide(partly, Either.right(brokerSays(OrderStatus.FILLED, "100", "filled")));

            assertThat(decision.outcome()).isEqualTo(Outcome.AWAITING_FILLS);
            assertThat(decision.events()).isEmpty();
            assertThat(decision.after().status()).isEqualTo(OrderStatus.PARTIAL_FILL);
            assertThat(decision.reason()).contains("the broker reports 100 filled, we have booked 60");
        }

        @Test
        void a_pending_order_awaiting_fills_still_records_the_brokers_id() {
            RecoveryDecision decision = decide(anOrder().pending(),
                    Either.right(brokerSays(OrderStatus.PARTIAL_FILL, "30", "partially_filled")));

            assertThat(decision.outcome()).isEqualTo(Outcome.AWAITING_FILLS);
            assertThat(decision.after().brokerOrderId()).contains(BROKER_ID);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.SUBMITTED);
        }

        @Test
        void an_order_view_behind_our_booked_fills_waits_too() {
            Order partly = withFills(anOrder().withQuantity("100").submitted(), "60");

            assertThat(decide(partly, Either.right(brokerSays(OrderStatus.SUBMITTED, "0", "new"))).outcome())
                    .isEqualTo(Outcome.AWAITING_FILLS);
        }

        @Test
        void a_pending_order_the_broker_is_working_becomes_submitted_with_the_brokers_id() {
            RecoveryDecision decision = decide(anOrder().pending(),
                    Either.right(brokerSays(OrderStatus.SUBMITTED, "0", "new")));

            assertThat(decision.outcome()).isEqualTo(Outcome.ADVANCED);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.SUBMITTED);
            assertThat(decision.after().brokerOrderId()).contains(BROKER_ID);
        }

        @Test
        void an_order_the_broker_agrees_with_is_unchanged() {
            RecoveryDecision decision = decide(anOrder().submitted(),
                    Either.right(brokerSays(OrderStatus.SUBMITTED, "0", "new")));

            assertThat(decision.outcome()).isEqualTo(Outcome.UNCHANGED);
        }

        @Test
        void an_unmappable_broker_status_makes_the_order_unknown_and_escalates() {
            RecoveryDecision decision = decide(anOrder().submitted(),
                    Either.right(brokerSays(OrderStatus.UNKNOWN, "0", "suspended")));

            assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.UNKNOWN);
            assertThat(decision.after().errorMessage()).contains("unmapped broker status: suspended");
        }

        @Test
        void an_unknown_order_is_resolved_by_the_brokers_status() {
            Order stillUnknown = anOrder().submitted().becameUnknown("suspended", T0.plusSeconds(10)).get().order();

            RecoveryDecision decision = decide(stillUnknown, Either.right(brokerSays(OrderStatus.CANCELLED, "0",
                    "canceled")));

            assertThat(decision.outcome()).isEqualTo(Outcome.ADVANCED);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.CANCELLED);
        }
    }

    @Nested
    class FinalOrders {

        @Test
        void a_final_order_is_left_alone() {
            Order cancelled = anOrder().submitted().cancelled(NOW).get().order();

            assertThat(decide(cancelled, Either.left(new BrokerFailure.Timeout(Duration.ofSeconds(1)))).outcome())
                    .isEqualTo(Outcome.UNCHANGED);
        }
    }
}
