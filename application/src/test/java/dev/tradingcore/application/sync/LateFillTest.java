package dev.tradingcore.application.sync;

import static dev.tradingcore.domain.fixtures.OrderBuilder.T0;
import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.support.FakeBroker;
import dev.tradingcore.application.support.RecoveryRig;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A broker publishes an execution later than the sync's overlap: the order view says filled, the position includes
 * it, the activity feed does not show it yet. It must be read when it appears, booked once, and never counted in a
 * position by a reconciliation and then again by its booking.
 */
class LateFillTest {

    private final RecoveryRig rig = new RecoveryRig();
    private final FakeBroker broker = rig.broker;

    @Test
    void a_fill_published_late_is_read_when_it_appears_and_reconciliation_leaves_its_symbol_alone_until_then() {
        Order order = rig.recorded(anOrder().withId("late-1").withQuantity("100").submitted());
        broker.accepted(order, "brk-late-1");
        broker.fill("brk-late-1", "on-time", "40", "10", T0.plusSeconds(10));
        broker.fillPublishedLater("brk-late-1", "late", "60", "10", T0.plusSeconds(11));
        BrokerSync sync = rig.sync(T0);
        sync.syncOnce();
        // Well past the overlap, more fills of other orders move the watermark on.
        Order other = rig.recorded(anOrder().withId("late-2").withSymbol("MSFT").withQuantity("5").submitted());
        broker.accepted(other, "brk-late-2");
        broker.fill("brk-late-2", "later", "5", "20", T0.plus(Duration.ofMinutes(10)));
        sync.syncOnce();
        assertThat(rig.order(order).status()).as("not filled in our books while a fill is missing")
                .isIn(OrderStatus.PARTIAL_FILL);

        // The core restarts before the feed shows the fill: the broker's position includes it, ours does not.
        RecoveryReport restart = rig.recovery.recover();

        assertThat(rig.ourQuantity("AAPL")).as("not corrected to the broker's 100: the missing fill would count twice")
                .isEqualByComparingTo("40");
        assertThat(rig.auditLines("position_corrected")).isZero();

        broker.publish("late");
        BrokerSync after = rig.sync(restart.syncFrom());
        after.syncOnce();
        after.syncOnce();

        assertThat(rig.trades.all().map(t -> t.tradeId().value())).containsExactlyInAnyOrder("on-time", "late",
                "later");
        assertThat(rig.ourQuantity("AAPL")).isEqualByComparingTo("100");
        assertThat(rig.order(order).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void the_sync_reads_the_fills_of_an_order_that_falls_short_even_when_its_watermark_has_passed_them() {
        Order order = rig.recorded(anOrder().withId("late-3").withQuantity("100").submitted());
        broker.accepted(order, "brk-late-3");
        broker.fillPublishedLater("brk-late-3", "late-3a", "100", "10", T0.plusSeconds(10));
        Order other = rig.recorded(anOrder().withId("late-4").withSymbol("MSFT").withQuantity("5").submitted());
        broker.accepted(other, "brk-late-4");
        broker.fill("brk-late-4", "late-4a", "5", "20", T0.plus(Duration.ofMinutes(10)));
        BrokerSync sync = rig.sync(T0);
        sync.syncOnce();
        assertThat(sync.watermark()).isAfter(T0.plusSeconds(10));

        broker.publish("late-3a");
        sync.syncOnce();

        assertThat(rig.ourQuantity("AAPL")).isEqualByComparingTo("100");
        assertThat(rig.order(order).status()).isEqualTo(OrderStatus.FILLED);
    }
}
