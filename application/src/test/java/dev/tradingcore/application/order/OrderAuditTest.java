package dev.tradingcore.application.order;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The details of an order's audit line, as the trail shows them: the order's facts first, then the extras. */
class OrderAuditTest {

    private static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

    @Test
    void the_order_facts_come_first_then_the_extras_in_their_order() {
        Order acked = anOrder().withId("oa-1").withSymbol("OA").withQuantity("3").pending()
                .acknowledgedAs(BrokerOrderId.of("b-oa-1"), AT).get();

        AuditEvent line = OrderAudit.of(AT, "order_submitted", AuditSeverity.INFO, acked, "broker_status", "new",
                "note", "x");

        assertThat(line.component()).isEqualTo("execution");
        assertThat(line.details().keySet().toJavaList()).containsExactly("order_id", "client_order_id", "symbol",
                "side", "quantity", "order_type", "status", "broker_order_id", "broker_status", "note");
        assertThat(line.details().get("quantity").get()).isEqualTo("3");
        assertThat(line.details().get("status").get()).isEqualTo("submitted");
        assertThat(line.details().get("broker_order_id").get()).isEqualTo("b-oa-1");
    }

    @Test
    void an_extra_never_replaces_an_order_fact_and_a_repeated_extra_keeps_its_first_place_and_last_value() {
        Order pending = anOrder().withId("oa-2").pending();

        AuditEvent line = OrderAudit.of(AT, "order_rejected", AuditSeverity.WARNING, pending, "reason", "first",
                "status", "forged", "other", "y", "reason", "second");

        assertThat(line.details().get("status").get()).isEqualTo("pending");
        assertThat(line.details().keySet().toJavaList()).endsWith("status", "reason", "other");
        assertThat(line.details().get("reason").get()).isEqualTo("second");
        assertThatThrownBy(() -> OrderAudit.of(AT, "order_rejected", AuditSeverity.WARNING, pending, "reason"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
