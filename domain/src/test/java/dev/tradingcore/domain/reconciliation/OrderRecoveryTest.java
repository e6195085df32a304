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
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.reconciliation.RecoveryDecision.Outcome;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
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

    private static BrokerFill fill(String tradeId, String quantity, String price, int secondsAfterOpen) {
        return new BrokerFill(TradeId.of(tradeId), BROKER_ID, dev.tradingcore.domain.common.Symbol.of("AAPL"),
                dev.tradingcore.domain.common.Side.BUY, Quantity.of(quantity), Price.of(price), BigDecimal.ZERO,
                Option.some(Liquidity.TAKER), T0.plusSeconds(secondsAfterOpen));
    }

    private static RecoveryDecision decide(Order order, Either<BrokerFailure, BrokerOrder> answer,
            List<BrokerFill> fills, Set<TradeId> recorded) {
        return OrderRecovery.decide(order, answer, fills, recorded, NOW);
    }

    @Nested
    class TransientErrors {

        @Test
        void a_timeout_never_marks_a_live_order_rejected() {
            Order submitted = anOrder().submitted();

            RecoveryDecision decision = decide(submitted, Either.left(new BrokerFailure.Timeout(Duration.ofSeconds(5))),
                    List.empty(), HashSet.empty());

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
                RecoveryDecision decision = decide(partly, Either.left(failure), List.empty(), HashSet.empty());

                assertThat(decision.outcome()).as(failure.message()).isEqualTo(Outcome.RETRY_LATER);
                assertThat(decision.after().status()).isEqualTo(OrderStatus.SUBMITTED);
            }
        }
    }

    @Nested
    class DefinitiveAnswers {

        @Test
        void a_pending_order_the_broker_never_saw_is_rejected() {
            RecoveryDecision decision = decide(anOrder().pending(),
                    Either.left(new BrokerFailure.NotFound("client order id cli-ord-1")), List.empty(),
                    HashSet.empty());

            assertThat(decision.outcome()).isEqualTo(Outcome.ADVANCED);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(decision.after().errorMessage().get()).startsWith("never reached the broker");
        }

        @Test
        void an_acknowledged_order_the_broker_no_longer_knows_becomes_unknown_and_escalates() {
            RecoveryDecision decision = decide(anOrder().submitted(),
                    Either.left(new BrokerFailure.NotFound("order brk-ord-1")), List.empty(), HashSet.empty());

            assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.UNKNOWN);
        }

        @Test
        void a_refused_status_query_changes_nothing_and_escalates() {
            RecoveryDecision decision = decide(anOrder().submitted(),
                    Either.left(new BrokerFailure.Rejected("forbidden", Option.some("40310000"))), List.empty(),
                    HashSet.empty());

            assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
            assertThat(decision.events()).isEmpty();
        }
    }

    @Nested
    class BrokerKnowsTheOrder {

        @Test
        void fills_we_missed_are_applied_once_and_the_order_is_filled() {
            Order order = anOrder().submitted();
            List<BrokerFill> fills = List.of(fill("t1", "40", "10", 5), fill("t2", "60", "11", 9),
                    fill("t1", "40", "10", 5));

            RecoveryDecision decision = decide(order, Either.right(brokerSays(OrderStatus.FILLED, "100", "filled")),
                    fills, HashSet.empty());

            assertThat(decision.outcome()).isEqualTo(Outcome.ADVANCED);
            assertThat(decision.newTrades().map(t -> t.tradeId().value())).containsExactly("t1", "t2");
            assertThat(decision.after().status()).isEqualTo(OrderStatus.FILLED);
            // (40 x 10 + 60 x 11) / 100 = 10.6
            assertThat(decision.after().filledAvgPrice()).contains(Price.of("10.6"));
        }

        @Test
        void a_fill_we_already_recorded_is_not_applied_again() {
            Order partly = anOrder().submitted()
                    .applyFill(fill("t1", "40", "10", 5).toTrade(anOrder().pending().orderId()), NOW).get().order();

            RecoveryDecision decision = decide(partly, Either.right(brokerSays(OrderStatus.FILLED, "100", "filled")),
                    List.of(fill("t1", "40", "10", 5), fill("t2", "60", "11", 9)), HashSet.of(TradeId.of("t1")));

            assertThat(decision.newTrades().map(t -> t.tradeId().value())).containsExactly("t2");
            assertThat(decision.after().filledQuantity()).isEqualTo(Quantity.of("100"));
        }

        @Test
        void a_partial_fill_then_a_cancel_we_missed_are_applied_in_that_order() {
            RecoveryDecision decision = decide(anOrder().submitted(),
                    Either.right(brokerSays(OrderStatus.CANCELLED, "30", "canceled")),
                    List.of(fill("t1", "30", "10", 5)), HashSet.empty());

            assertThat(decision.events().map(Object::getClass))
                    .containsExactly(OrderEvent.FillApplied.class, OrderEvent.Cancelled.class);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(decision.after().filledQuantity()).isEqualTo(Quantity.of("30"));
        }

        @Test
        void a_pending_order_the_broker_is_working_becomes_submitted_with_the_brokers_id() {
            RecoveryDecision decision = decide(anOrder().pending(),
                    Either.right(brokerSays(OrderStatus.SUBMITTED, "0", "new")), List.empty(), HashSet.empty());

            assertThat(decision.outcome()).isEqualTo(Outcome.ADVANCED);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.SUBMITTED);
            assertThat(decision.after().brokerOrderId()).contains(BROKER_ID);
        }

        @Test
        void an_order_the_broker_agrees_with_is_unchanged() {
            RecoveryDecision decision = decide(anOrder().submitted(),
                    Either.right(brokerSays(OrderStatus.SUBMITTED, "0", "new")), List.empty(), HashSet.empty());

            assertThat(decision.outcome()).isEqualTo(Outcome.UNCHANGED);
        }

        @Test
        void an_unmappable_broker_status_makes_the_order_unknown_and_escalates() {
            RecoveryDecision decision = decide(anOrder().submitted(),
                    Either.right(brokerSays(OrderStatus.UNKNOWN, "0", "suspended")), List.empty(), HashSet.empty());

            assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.UNKNOWN);
            assertThat(decision.after().errorMessage()).contains("unmapped broker status: suspended");
        }

        @Test
        void an_unknown_order_is_resolved_by_the_brokers_fills_and_status() {
            Order unknown = anOrder().submitted().becameUnknown("suspended", T0.plusSeconds(10)).get().order();

            RecoveryDecision decision = decide(unknown, Either.right(brokerSays(OrderStatus.FILLED, "100", "filled")),
                    List.of(fill("t1", "100", "10", 30)), HashSet.empty());

            assertThat(decision.outcome()).isEqualTo(Outcome.ADVANCED);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.FILLED);
        }

        @Test
        void fills_that_do_not_add_up_to_the_brokers_filled_quantity_are_applied_and_escalated() {
            RecoveryDecision decision = decide(anOrder().submitted(),
                    Either.right(brokerSays(OrderStatus.FILLED, "100", "filled")),
                    List.of(fill("t1", "60", "10", 5)), HashSet.empty());

            assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
            assertThat(decision.newTrades()).hasSize(1);
            assertThat(decision.after().status()).isEqualTo(OrderStatus.PARTIAL_FILL);
            assertThat(decision.reason()).isEqualTo("the broker reports 100 filled but the fills we know add up to 60");
        }

        @Test
        void fills_of_other_orders_are_ignored() {
            BrokerFill other = new BrokerFill(TradeId.of("x"), BrokerOrderId.of("someone-else"),
                    dev.tradingcore.domain.common.Symbol.of("AAPL"), dev.tradingcore.domain.common.Side.BUY,
                    Quantity.of("100"), Price.of("10"), BigDecimal.ZERO, Option.none(), T0);

            RecoveryDecision decision = decide(anOrder().submitted(),
                    Either.right(brokerSays(OrderStatus.SUBMITTED, "0", "new")), List.of(other), HashSet.empty());

            assertThat(decision.outcome()).isEqualTo(Outcome.UNCHANGED);
        }
    }

    @Nested
    class FinalOrders {

        @Test
        void a_final_order_is_left_alone() {
            Order cancelled = anOrder().submitted().cancelled(NOW).get().order();

            assertThat(decide(cancelled, Either.left(new BrokerFailure.Timeout(Duration.ofSeconds(1))), List.empty(),
                    HashSet.empty()).outcome()).isEqualTo(Outcome.UNCHANGED);
        }
    }
}
