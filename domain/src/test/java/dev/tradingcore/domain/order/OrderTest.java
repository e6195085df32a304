package dev.tradingcore.domain.order;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Side;
import static dev.tradingcore.domain.fixtures.OrderBuilder.T0;
import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.Symbol;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final Instant LATER = T0.plusSeconds(60);

    private static Either<Rejection, OrderEvent.Placed> place(OrderType type, TimeInForce tif, String limit,
            String stop) {
        return Order.place(OrderId.of("o"), ClientOrderId.of("c"), Symbol.of("AAPL"), Side.BUY, Quantity.of("10"),
                type, tif, Option.of(limit).map(Price::of), Option.of(stop).map(Price::of), T0);
    }

    @Nested
    class Placing {

        @Test
        void a_limit_order_needs_a_limit_price() {
            assertThat(place(OrderType.LIMIT, TimeInForce.DAY, null, null).getLeft().message())
                    .isEqualTo("a limit order needs a limit price");
            assertThat(place(OrderType.LIMIT, TimeInForce.DAY, "150", null).isRight()).isTrue();
        }

        @Test
        void a_stop_order_needs_a_stop_price_and_no_limit() {
            assertThat(place(OrderType.STOP, TimeInForce.GTC, null, null).getLeft().message())
                    .isEqualTo("a stop order needs a stop price");
            assertThat(place(OrderType.STOP, TimeInForce.GTC, "150", "140").getLeft().message())
                    .isEqualTo("a stop order takes no limit price");
            assertThat(place(OrderType.STOP, TimeInForce.GTC, null, "140").isRight()).isTrue();
        }

        @Test
        void a_stop_limit_order_needs_both_prices() {
            assertThat(place(OrderType.STOP_LIMIT, TimeInForce.DAY, "150", null).getLeft().message())
                    .isEqualTo("a stop_limit order needs a stop price");
            assertThat(place(OrderType.STOP_LIMIT, TimeInForce.DAY, null, "140").getLeft().message())
                    .isEqualTo("a stop_limit order needs a limit price");
            assertThat(place(OrderType.STOP_LIMIT, TimeInForce.DAY, "150", "140").isRight()).isTrue();
        }

        @Test
        void a_market_order_takes_no_price() {
            assertThat(place(OrderType.MARKET, TimeInForce.DAY, "150", null).getLeft().message())
                    .isEqualTo("a market order takes no limit price");
            assertThat(place(OrderType.MARKET, TimeInForce.DAY, null, "150").getLeft().message())
                    .isEqualTo("a market order takes no stop price");
        }

        @Test
        void auction_orders_are_market_or_limit_only() {
            assertThat(place(OrderType.STOP, TimeInForce.OPG, null, "140").getLeft().code()).isEqualTo("invalid_order");
            assertThat(place(OrderType.MARKET, TimeInForce.CLS, null, null).isRight()).isTrue();
        }

        @Test
        void a_new_order_is_pending_with_nothing_filled() {
            Order order = place(OrderType.LIMIT, TimeInForce.DAY, "150", null).get().order();

            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.filledQuantity()).isEqualTo(Quantity.ZERO);
            assertThat(order.filledAvgPrice()).isEmpty();
            assertThat(order.submittedAt()).isEqualTo(T0);
        }

        @Test
        void the_record_itself_refuses_an_order_that_cannot_exist() {
            Order order = anOrder().pending();
            assertThatThrownBy(() -> new Order(order.orderId(), order.clientOrderId(), order.brokerOrderId(),
                    order.symbol(), order.side(), order.quantity(), OrderType.LIMIT, order.timeInForce(),
                    Option.none(), Option.none(), order.status(), order.filledQuantity(), order.filledNotional(),
                    order.filledAvgPrice(), order.submittedAt(), order.updatedAt(), order.filledAt(),
                    order.cancelledAt(), order.errorMessage()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a limit order needs a limit price");
        }
    }

    @Nested
    class Transitions {

        @Test
        void the_broker_acknowledgement_makes_a_pending_order_submitted() {
            Order order = anOrder().pending().submitted(BrokerOrderId.of("b-1"), LATER).get().order();

            assertThat(order.status()).isEqualTo(OrderStatus.SUBMITTED);
            assertThat(order.brokerOrderId()).contains(BrokerOrderId.of("b-1"));
            assertThat(order.updatedAt()).isEqualTo(LATER);
        }

        @Test
        void a_filled_order_cannot_be_cancelled() {
            Order filled = fill(anOrder().submitted(), "t1", "100", "10");

            Rejection rejection = filled.cancelled(LATER).getLeft();
            assertThat(rejection.code()).isEqualTo("illegal_transition");
            assertThat(rejection.message())
                    .isEqualTo("an order that is filled cannot become cancelled (filled is final)");
        }

        @Test
        void a_partly_filled_order_cannot_be_rejected() {
            Order partly = fill(anOrder().submitted(), "t1", "30", "10");

            assertThat(partly.rejected("no buying power", LATER).getLeft().code()).isEqualTo("illegal_transition");
        }

        @Test
        void a_rejection_keeps_the_brokers_reason() {
            OrderEvent event = anOrder().pending().rejected("insufficient buying power", LATER).get();

            assertThat(event).isInstanceOf(OrderEvent.Rejected.class);
            assertThat(event.order().status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(event.order().errorMessage()).contains("insufficient buying power");
        }

        @Test
        void cancelling_a_partly_filled_order_keeps_what_was_filled() {
            Order cancelled = fill(anOrder().submitted(), "t1", "30", "10").cancelled(LATER).get().order();

            assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(cancelled.filledQuantity()).isEqualTo(Quantity.of("30"));
            assertThat(cancelled.cancelledAt()).contains(LATER);
        }
    }

    @Nested
    class Fills {

        @Test
        void partial_fills_move_the_filled_quantity_and_the_volume_weighted_price() {
            Order order = anOrder().withQuantity("100").submitted();

            Order partly = fill(order, "t1", "30", "10");
            assertThat(partly.status()).isEqualTo(OrderStatus.PARTIAL_FILL);
            assertThat(partly.filledQuantity()).isEqualTo(Quantity.of("30"));
            assertThat(partly.filledAvgPrice()).contains(Price.of("10"));
            assertThat(partly.remainingQuantity()).isEqualTo(Quantity.of("70"));

            Order done = fill(partly, "t2", "70", "11");
            // (30 x 10 + 70 x 11) / 100 = 1070 / 100
            assertThat(done.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(done.filledAvgPrice()).contains(Price.of("10.7"));
            assertThat(done.filledAt()).contains(T0.plusSeconds(5));
        }

        @Test
        void the_average_fill_price_is_computed_from_the_exact_notional() {
            Order order = anOrder().withQuantity("3").submitted();
            Order done = fill(fill(fill(order, "t1", "1", "10"), "t2", "1", "10"), "t3", "1", "11");

            // 31 / 3 = 10.333333333... -> 10.33333333
            assertThat(done.filledAvgPrice()).contains(Price.of("10.33333333"));
            assertThat(done.filledNotional()).isEqualByComparingTo("31");
        }

        @Test
        void a_fill_that_would_overfill_is_rejected_and_changes_nothing() {
            Order partly = fill(anOrder().withQuantity("100").submitted(), "t1", "80", "10");

            Rejection rejection = partly.applyFill(aTradeFor(partly).withId("t2").withQuantity("30").build(), LATER)
                    .getLeft();
            assertThat(rejection.code()).isEqualTo("overfill");
            assertThat(rejection.message()).contains("110 filled, more than its quantity 100");
            assertThat(partly.filledQuantity()).isEqualTo(Quantity.of("80"));
        }

        @Test
        void a_fill_before_the_acknowledgement_still_counts() {
            Order order = fill(anOrder().pending(), "t1", "10", "10");

            assertThat(order.status()).isEqualTo(OrderStatus.PARTIAL_FILL);
        }

        @Test
        void a_fill_of_another_order_or_side_is_refused() {
            Order order = anOrder().submitted();

            assertThat(order.applyFill(aTradeFor(anOrder().withId("other").pending()).build(), LATER).getLeft().code())
                    .isEqualTo("fill_mismatch");
            assertThat(order.applyFill(aTradeFor(order).withSide(Side.SELL).build(), LATER).getLeft().code())
                    .isEqualTo("fill_mismatch");
        }

        @Test
        void a_rejected_order_takes_no_fill() {
            Order rejected = anOrder().pending().rejected("halted", LATER).get().order();

            assertThat(rejected.applyFill(aTradeFor(rejected).build(), LATER).getLeft().code())
                    .isEqualTo("fill_on_rejected_order");
        }
    }

    @Nested
    class LateFillAfterCancel {

        @Test
        void a_fill_after_the_cancel_is_recorded_and_the_order_stays_cancelled() {
            Order cancelled = fill(anOrder().withQuantity("100").submitted(), "t1", "40", "10")
                    .cancelled(LATER).get().order();

            OrderEvent.FillApplied event = cancelled
                    .applyFill(aTradeFor(cancelled).withId("t2").withQuantity("10").at("10.5").build(), LATER)
                    .get();

            assertThat(event.late()).isTrue();
            assertThat(event.order().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(event.order().filledQuantity()).isEqualTo(Quantity.of("50"));
            // (40 x 10 + 10 x 10.5) / 50 = 505 / 50
            assertThat(event.order().filledAvgPrice()).contains(Price.of("10.1"));
            assertThat(event.order().cancelledAt()).contains(LATER);
        }

        @Test
        void a_late_fill_that_completes_the_order_makes_it_filled() {
            Order cancelled = fill(anOrder().withQuantity("100").submitted(), "t1", "40", "10")
                    .cancelled(LATER).get().order();

            Order order = fill(cancelled, "t2", "60", "10");

            assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        }

        @Test
        void a_late_fill_still_cannot_overfill() {
            Order cancelled = anOrder().withQuantity("100").submitted().cancelled(LATER).get().order();

            assertThat(cancelled.applyFill(aTradeFor(cancelled).withQuantity("101").build(), LATER).getLeft().code())
                    .isEqualTo("overfill");
        }

        @Test
        void an_expired_order_takes_a_late_fill_the_same_way() {
            Order expired = anOrder().withQuantity("100").submitted().expired(LATER).get().order();

            OrderEvent.FillApplied event = expired.applyFill(aTradeFor(expired).withQuantity("5").build(), LATER).get();

            assertThat(event.late()).isTrue();
            assertThat(event.order().status()).isEqualTo(OrderStatus.EXPIRED);
        }
    }

    @Nested
    class UnknownStatus {

        @Test
        void an_unmappable_broker_status_makes_the_order_unknown_and_keeps_the_raw_status() {
            OrderEvent event = anOrder().submitted().becameUnknown("suspended", LATER).get();

            assertThat(event.order().status()).isEqualTo(OrderStatus.UNKNOWN);
            assertThat(event.order().errorMessage()).contains("unmapped broker status: suspended");
            assertThat(event.order().isOpen()).isTrue();
        }

        @Test
        void an_unknown_order_resolves_to_what_the_broker_says() {
            Order unknown = anOrder().submitted().becameUnknown("suspended", LATER).get().order();

            assertThat(unknown.transitionTo(OrderStatus.CANCELLED, Option.none(), LATER).get().order().status())
                    .isEqualTo(OrderStatus.CANCELLED);
            assertThat(unknown.transitionTo(OrderStatus.SUBMITTED, Option.none(), LATER).get().order().status())
                    .isEqualTo(OrderStatus.SUBMITTED);
        }

        @Test
        void it_cannot_be_declared_filled_without_the_fills() {
            Order unknown = anOrder().submitted().becameUnknown("suspended", LATER).get().order();

            assertThat(unknown.transitionTo(OrderStatus.FILLED, Option.none(), LATER).getLeft().code())
                    .isEqualTo("fills_missing");
            Order filled = fill(unknown, "t1", "100", "10");
            assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        }

        @Test
        void a_partial_fill_keeps_it_unknown_until_resolved() {
            Order unknown = anOrder().submitted().becameUnknown("suspended", LATER).get().order();
            Order partly = fill(unknown, "t1", "10", "10");

            assertThat(partly.status()).isEqualTo(OrderStatus.UNKNOWN);
            assertThat(partly.transitionTo(OrderStatus.PARTIAL_FILL, Option.none(), LATER).get().order().status())
                    .isEqualTo(OrderStatus.PARTIAL_FILL);
        }
    }

    static Order fill(Order order, String tradeId, String quantity, String price) {
        return order.applyFill(aTradeFor(order).withId(tradeId).withQuantity(quantity).at(price).build(), LATER)
                .get().order();
    }

    @Nested
    class Acknowledgement {

        @Test
        void a_pending_order_acknowledged_by_the_broker_is_submitted_with_its_id() {
            Order order = anOrder().pending();

            Order acked = order.acknowledgedAs(BrokerOrderId.of("brk-9"), T0.plusSeconds(1)).get();

            assertThat(acked.status()).isEqualTo(OrderStatus.SUBMITTED);
            assertThat(acked.brokerOrderId()).containsExactly(BrokerOrderId.of("brk-9"));
        }

        @Test
        void an_acknowledgement_recorded_after_a_fill_only_adds_the_broker_id() {
            Order filledFirst = anOrder().withQuantity("100").pending()
                    .applyFill(aTradeFor(anOrder().pending()).withQuantity("40").build(), T0.plusSeconds(1)).get()
                    .order();

            Order acked = filledFirst.acknowledgedAs(BrokerOrderId.of("brk-9"), T0.plusSeconds(2)).get();

            assertThat(acked.status()).isEqualTo(OrderStatus.PARTIAL_FILL);
            assertThat(acked.filledQuantity().value()).isEqualByComparingTo("40");
            assertThat(acked.brokerOrderId()).containsExactly(BrokerOrderId.of("brk-9"));
        }

        @Test
        void the_same_id_again_changes_nothing_and_another_id_is_a_conflict() {
            Order submitted = anOrder().submitted();
            BrokerOrderId known = submitted.brokerOrderId().get();

            assertThat(submitted.acknowledgedAs(known, T0.plusSeconds(5)).get()).isSameAs(submitted);
            assertThat(submitted.acknowledgedAs(BrokerOrderId.of("other"), T0.plusSeconds(5)).getLeft().code())
                    .isEqualTo("broker_id_conflict");
        }
    }
}
