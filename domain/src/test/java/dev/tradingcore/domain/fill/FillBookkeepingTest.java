package dev.tradingcore.domain.fill;

import dev.tradingcore.domain.trade.Trade;
import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.position.Position;
import io.vavr.control.Either;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FillBookkeepingTest {

    private static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

    @Test
    void a_partial_fill_moves_position_and_order_and_is_described_in_one_audit_line() {
        Order order = anOrder().withQuantity("100").submitted();
        Trade trade = aTradeFor(order).withId("t-7").withQuantity("40").at("10.5").withCommission("0.2").build();

        FillJournal.Entry entry = FillBookkeeping.at(AT).book(trade, Position.flat(Symbol.of("AAPL"), AT), order).get();

        assertThat(entry.positionAfter().quantity()).isEqualByComparingTo("40");
        assertThat(entry.positionAfter().realizedPnl()).isEqualByComparingTo("-0.2");
        assertThat(entry.orderAfter().status()).isEqualTo(OrderStatus.PARTIAL_FILL);
        assertThat(entry.orderAfter().filledQuantity().value()).isEqualByComparingTo("40");
        assertThat(entry.audit().action()).isEqualTo("fill_applied");
        assertThat(entry.audit().severity()).isEqualTo(AuditSeverity.INFO);
        assertThat(entry.audit().details().get("order_id").get()).isEqualTo(order.orderId().value());
        assertThat(entry.audit().details().get("trade_id").get()).isEqualTo("t-7");
        assertThat(entry.audit().details().get("order_status").get()).isEqualTo("partial_fill");
        assertThat(entry.audit().details().get("position_quantity").get()).isEqualTo("40");
        assertThat(entry.audit().timestamp()).isEqualTo(AT);
    }

    @Test
    void a_fill_after_cancel_is_booked_and_flagged_as_a_warning() {
        Order cancelled = anOrder().withQuantity("100").submitted().cancelled(AT).get().order();
        Trade late = aTradeFor(cancelled).withQuantity("10").build();

        FillJournal.Entry entry = FillBookkeeping.at(AT).book(late, Position.flat(Symbol.of("AAPL"), AT), cancelled)
                .get();

        assertThat(entry.orderAfter().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(entry.positionAfter().quantity()).isEqualByComparingTo("10");
        assertThat(entry.audit().action()).isEqualTo("late_fill_applied");
        assertThat(entry.audit().severity()).isEqualTo(AuditSeverity.WARNING);
    }

    @Test
    void an_overfill_is_a_rejection_and_books_nothing() {
        Order order = anOrder().withQuantity("10").submitted();
        Trade tooBig = aTradeFor(order).withQuantity("11").build();

        Either<Rejection, FillJournal.Entry> result =
                FillBookkeeping.at(AT).book(tooBig, Position.flat(Symbol.of("AAPL"), AT), order);

        assertThat(result.getLeft().code()).isEqualTo("overfill");
    }
}
