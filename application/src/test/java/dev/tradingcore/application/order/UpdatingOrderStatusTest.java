package dev.tradingcore.application.order;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.support.ScriptedBroker;
import dev.tradingcore.domain.fakes.InMemoryAuditLog;
import dev.tradingcore.domain.fakes.InMemoryOrderJournal;
import dev.tradingcore.domain.fakes.InMemoryOrderRepository;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.OrderRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UpdatingOrderStatusTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final UpdatingOrderStatus updating =
            new UpdatingOrderStatus(orders, new InMemoryOrderJournal(orders, audit), CLOCK);

    private static BrokerOrder report(Order order, OrderStatus status, String raw) {
        return ScriptedBroker.brokerOrder(OrderRequest.of(order), order.brokerOrderId().getOrElse(
                dev.tradingcore.domain.order.BrokerOrderId.of("brk-new")).value(), status, raw);
    }

    private static BrokerOrder withFilled(BrokerOrder report, String filled) {
        return new BrokerOrder(report.brokerOrderId(), report.clientOrderId(), report.symbol(), report.side(),
                report.quantity(), dev.tradingcore.domain.common.Quantity.of(filled), report.filledAvgPrice(),
                report.status(), report.rawStatus(), report.reason(), report.updatedAt());
    }

    @Test
    void a_cancel_report_keeps_what_was_filled_before_it() {
        Order submitted = anOrder().withQuantity("100").submitted();
        Order partlyFilled = submitted.applyFill(aTradeFor(submitted).withQuantity("40").build(), CLOCK.instant())
                .get().order();
        orders.save(partlyFilled);

        Order after = updating.apply(withFilled(report(submitted, OrderStatus.CANCELLED, "canceled"), "40")).get();

        assertThat(after.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(after.filledQuantity().value()).as("the stored fill survives").isEqualByComparingTo("40");
        assertThat(audit.events().map(e -> e.action())).containsExactly("order_status_cancelled");
    }

    @Test
    void an_end_reported_before_its_fills_are_booked_waits_for_them() {
        Order submitted = anOrder().withId("u-late").withQuantity("100").submitted();
        orders.save(submitted);

        // The broker cancelled after filling 30; the fill has not reached us yet.
        var refused = updating.apply(withFilled(report(submitted, OrderStatus.CANCELLED, "canceled"), "30"));

        assertThat(refused.getLeft().code()).isEqualTo(UpdatingOrderStatus.FILLS_MISSING);
        assertThat(orders.findById(submitted.orderId()).get().status()).as("still open: a fill is to come")
                .isEqualTo(OrderStatus.SUBMITTED);
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void a_status_we_cannot_map_makes_the_order_unknown_with_the_raw_state_kept() {
        Order submitted = anOrder().submitted();
        orders.save(submitted);

        Order after = updating.apply(report(submitted, OrderStatus.UNKNOWN, "suspended")).get();

        assertThat(after.status()).isEqualTo(OrderStatus.UNKNOWN);
        assertThat(after.errorMessage().get()).contains("suspended");
    }

    @Test
    void repeating_the_recorded_state_writes_nothing() {
        Order submitted = anOrder().submitted();
        orders.save(submitted);

        assertThat(updating.apply(report(submitted, OrderStatus.SUBMITTED, "new")).get()).isEqualTo(submitted);
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void a_report_for_an_order_we_never_placed_is_refused() {
        Order stranger = anOrder().withId("stranger").submitted();

        assertThat(updating.apply(report(stranger, OrderStatus.CANCELLED, "canceled")).getLeft().code())
                .isEqualTo("unknown_order");
    }

    @Test
    void filled_is_refused_until_the_fills_arrive_and_nothing_changes() {
        Order submitted = anOrder().submitted();
        orders.save(submitted);

        assertThat(updating.apply(report(submitted, OrderStatus.FILLED, "filled")).getLeft().code())
                .isEqualTo("fills_missing");
        assertThat(orders.findById(submitted.orderId()).get()).isEqualTo(submitted);
    }
}
