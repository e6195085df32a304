package dev.tradingcore.application.sync;

import static dev.tradingcore.domain.fixtures.OrderBuilder.T0;
import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.port.in.SyncRound;
import dev.tradingcore.application.support.FakeBroker;
import dev.tradingcore.application.support.RecoveryRig;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BrokerSyncTest {

    private static final Duration OVERLAP = BrokerSyncSettings.defaults().overlap();

    private final RecoveryRig rig = new RecoveryRig();
    private final FakeBroker broker = rig.broker;
    private final BrokerSync sync = rig.sync(T0);

    @Test
    void each_fill_is_recorded_once_and_the_watermark_follows_the_newest_less_the_overlap() {
        Order order = rig.recorded(anOrder().withId("s1").withQuantity("100").submitted());
        broker.accepted(order, "brk-s1");
        broker.fill("brk-s1", "ts1a", "40", "10", T0.plusSeconds(10));

        SyncRound first = sync.syncOnce();
        broker.fill("brk-s1", "ts1b", "60", "10", T0.plusSeconds(20));
        SyncRound second = sync.syncOnce();
        SyncRound third = sync.syncOnce();

        assertThat(first.fills().applied()).isEqualTo(1);
        assertThat(first.watermark()).isEqualTo(T0.plusSeconds(10).minus(OVERLAP));
        assertThat(second.fills().applied()).isEqualTo(1);
        assertThat(second.fills().alreadyRecorded()).as("the overlap re-reads the first fill, for free").isEqualTo(1);
        assertThat(third.fills().applied()).isZero();
        assertThat(third.watermark()).isEqualTo(T0.plusSeconds(20).minus(OVERLAP));
        assertThat(rig.trades.all()).hasSize(2);
        assertThat(rig.ourQuantity("AAPL")).isEqualByComparingTo("100");
        assertThat(rig.order(order).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void a_fill_of_an_order_whose_acknowledgement_was_not_yet_recorded_is_matched_by_client_order_id() {
        Order order = rig.recorded(anOrder().withId("s2").withQuantity("100").pending());
        broker.accepted(order, "brk-s2");
        broker.fill("brk-s2", "ts2", "100", "10", T0.plusSeconds(10));

        SyncRound round = sync.syncOnce();

        assertThat(round.fills().applied()).isEqualTo(1);
        Order after = rig.order(order);
        assertThat(after.brokerOrderId()).contains(BrokerOrderId.of("brk-s2"));
        assertThat(after.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(rig.alerts.alerts()).isEmpty();
    }

    @Test
    void a_cancel_at_the_broker_is_recorded_from_the_order_lookup() {
        Order order = rig.recorded(anOrder().withId("s3").submitted());
        broker.accepted(order, "brk-s3");
        broker.report("brk-s3", OrderStatus.CANCELLED, "canceled");

        SyncRound round = sync.syncOnce();

        assertThat(round.statusesChanged()).isEqualTo(1);
        assertThat(rig.order(order).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(broker.calls()).contains("openOrders", "orderById");
    }

    @Test
    void a_young_pending_order_is_left_alone_and_an_old_one_acknowledged() {
        Order old = rig.recorded(anOrder().withId("s4").pending());
        broker.accepted(old, "brk-s4");
        Order young = anOrder().withId("s5").pending();
        young = rig.recorded(new Order(young.orderId(), young.clientOrderId(), young.brokerOrderId(), young.symbol(),
                young.side(), young.quantity(), young.orderType(), young.timeInForce(), young.limitPrice(),
                young.stopPrice(), young.status(), young.filledQuantity(), young.filledNotional(),
                young.filledAvgPrice(), RecoveryRig.NOW, RecoveryRig.NOW, young.filledAt(), young.cancelledAt(),
                young.errorMessage()));

        sync.syncOnce();

        assertThat(rig.order(old).status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(rig.order(young)).isEqualTo(young);
        assertThat(broker.callsOf("orderByClientOrderId")).isZero();
    }

    @Test
    void a_fill_that_cannot_be_recorded_holds_the_watermark_and_is_recorded_next_round() {
        Order order = rig.recorded(anOrder().withId("s6").withQuantity("100").submitted());
        broker.accepted(order, "brk-s6");
        broker.fill("brk-s6", "ts6", "100", "10", T0.plusSeconds(10));
        rig.fillJournal.setUnavailable(true);

        SyncRound failed = sync.syncOnce();
        rig.fillJournal.setUnavailable(false);
        SyncRound retried = sync.syncOnce();

        assertThat(failed.fills().unsettled()).isEqualTo(1);
        assertThat(failed.isComplete()).isFalse();
        assertThat(failed.watermark()).as("not past the fill still to record").isBeforeOrEqualTo(T0.plusSeconds(10));
        assertThat(retried.fills().applied()).isEqualTo(1);
        assertThat(rig.trades.all()).hasSize(1);
    }

    @Test
    void an_unmappable_status_makes_the_order_unknown_and_alerts_once() {
        Order order = rig.recorded(anOrder().withId("s7").submitted());
        broker.accepted(order, "brk-s7");
        broker.report("brk-s7", OrderStatus.UNKNOWN, "suspended");

        sync.syncOnce();
        sync.syncOnce();

        assertThat(rig.order(order).status()).isEqualTo(OrderStatus.UNKNOWN);
        assertThat(rig.alerts.titles()).containsExactly("Order in an unknown state");
    }

    @Test
    void an_order_we_cancelled_because_the_broker_did_not_have_it_is_reopened_and_cancelled_when_the_broker_lists_it() {
        Order order = rig.recorded(anOrder().withId("s9").pending().cancelled(T0.plusSeconds(40)).get().order());
        broker.accepted(order, "brk-s9"); // its request landed after all

        SyncRound round = sync.syncOnce();

        assertThat(round.statusesChanged()).isEqualTo(1);
        assertThat(broker.calls()).contains("cancel");
        Order after = rig.order(order);
        assertThat(after.brokerOrderId()).contains(BrokerOrderId.of("brk-s9"));
        assertThat(after.status()).as("cancelled at the broker too, as asked").isEqualTo(OrderStatus.CANCELLED);
        assertThat(rig.alerts.titles()).containsExactly("Order reopened: the broker works an order we had closed");
        assertThat(rig.audit.events().map(e -> e.action())).contains("order_reopened");
    }

    @Test
    void fills_of_an_order_that_is_not_ours_are_alerted_once_and_counted_every_round() {
        broker.foreign("manual-2", "NVDA", Side.SELL, "5");
        broker.fill("manual-2", "tm2", "5", "100", T0.plusSeconds(10));

        SyncRound first = sync.syncOnce();
        SyncRound second = sync.syncOnce();

        assertThat(first.fills().unmatched()).isEqualTo(1);
        assertThat(second.fills().unmatched()).isEqualTo(1);
        assertThat(rig.alerts.titles()).containsExactly("Broker fills of orders that are not ours");
        assertThat(rig.trades.all()).isEmpty();
    }

    @Test
    void a_broker_that_does_not_answer_costs_a_round_and_nothing_else() {
        broker.failNext("fillsSince", FakeBroker.TIMEOUT);

        SyncRound round = sync.syncOnce();

        assertThat(round.isComplete()).isFalse();
        assertThat(round.watermark()).isEqualTo(T0);
        assertThat(sync.syncOnce().isComplete()).isTrue();
    }

    @Test
    void an_order_view_that_lags_behind_a_recorded_fill_is_neither_applied_nor_alerted() {
        Order submitted = anOrder().withId("s8").withQuantity("100").submitted();
        broker.accepted(submitted, "brk-s8");
        Order partlyFilled = rig.recorded(submitted.applyFill(dev.tradingcore.domain.fixtures.TradeBuilder
                .aTradeFor(submitted).withId("ts8").withQuantity("40").build(), T0.plusSeconds(5)).get().order());

        SyncRound round = sync.syncOnce();

        assertThat(rig.order(partlyFilled)).isEqualTo(partlyFilled);
        assertThat(round.statusesChanged()).isZero();
        assertThat(rig.alerts.alerts()).isEmpty();
    }

    @Test
    void the_periodic_sync_counts_a_round_that_throws_and_keeps_going() {
        int[] calls = {0};
        try (PeriodicBrokerSync periodic = new PeriodicBrokerSync(() -> {
            calls[0]++;
            if (calls[0] == 1) {
                throw new IllegalStateException("boom");
            }
            return sync.syncOnce();
        }, Duration.ofMinutes(1))) {
            periodic.tick();
            periodic.tick();

            assertThat(periodic.rounds()).isEqualTo(2);
            assertThat(periodic.roundsFailed()).isEqualTo(1);
            assertThat(periodic.lastRound().get().isComplete()).isTrue();
        }
    }
}
