package dev.tradingcore.domain.order;

import static dev.tradingcore.domain.order.OrderStatus.CANCELLED;
import static dev.tradingcore.domain.order.OrderStatus.EXPIRED;
import static dev.tradingcore.domain.order.OrderStatus.FILLED;
import static dev.tradingcore.domain.order.OrderStatus.PARTIAL_FILL;
import static dev.tradingcore.domain.order.OrderStatus.PENDING;
import static dev.tradingcore.domain.order.OrderStatus.REJECTED;
import static dev.tradingcore.domain.order.OrderStatus.SUBMITTED;
import static dev.tradingcore.domain.order.OrderStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

    @Test
    void open_and_terminal_states() {
        assertThat(OrderStatus.values()).filteredOn(OrderStatus::isOpen)
                .containsExactlyInAnyOrder(PENDING, SUBMITTED, PARTIAL_FILL, UNKNOWN);
        assertThat(OrderStatus.values()).filteredOn(OrderStatus::isTerminal)
                .containsExactlyInAnyOrder(FILLED, CANCELLED, REJECTED, EXPIRED);
    }

    @Test
    void the_transition_table() {
        assertThat(PENDING.successors()).containsExactlyInAnyOrder(
                SUBMITTED, PARTIAL_FILL, FILLED, CANCELLED, REJECTED, EXPIRED, UNKNOWN);
        assertThat(SUBMITTED.successors()).containsExactlyInAnyOrder(
                PARTIAL_FILL, FILLED, CANCELLED, REJECTED, EXPIRED, UNKNOWN);
        assertThat(PARTIAL_FILL.successors()).containsExactlyInAnyOrder(
                PARTIAL_FILL, FILLED, CANCELLED, EXPIRED, UNKNOWN);
        assertThat(UNKNOWN.successors()).containsExactlyInAnyOrder(
                UNKNOWN, SUBMITTED, PARTIAL_FILL, FILLED, CANCELLED, REJECTED, EXPIRED);
        assertThat(FILLED.successors()).isEmpty();
        assertThat(REJECTED.successors()).isEmpty();
        // only a late fill that completes the quantity moves a cancelled or expired order
        assertThat(CANCELLED.successors()).containsExactly(FILLED);
        assertThat(EXPIRED.successors()).containsExactly(FILLED);
    }

    @Test
    void nothing_goes_back_to_pending() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(status.canMoveTo(PENDING)).as(status + " -> pending").isFalse();
        }
    }

    @Test
    void an_illegal_move_is_a_value_with_a_reason() {
        assertThat(REJECTED.moveTo(SUBMITTED).getLeft().message())
                .isEqualTo("an order that is rejected cannot become submitted (rejected is final)");
        assertThat(SUBMITTED.moveTo(SUBMITTED).getLeft().code()).isEqualTo("illegal_transition");
    }

    @Test
    void codes_round_trip() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(OrderStatus.fromCode(status.code())).contains(status);
        }
        assertThat(UNKNOWN.code()).isEqualTo("unknown");
        assertThat(OrderStatus.fromCode("done_for_day")).isEmpty();
    }
}
