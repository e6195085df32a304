package dev.tradingcore.adapters.postgres.order;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.adapters.postgres.testing.RoundTripCounter;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an order submission costs in exchanges with the server, each one a wait on the network and on the server:
 * the open orders read for the risk check (one), the placing of the pending order with its audit line (one
 * autocommitted statement), and the acknowledgement with its audit line (the row locked, the row and its line
 * written, COMMIT). The bench's plain-JDBC baseline sends the same writes one statement at a time: eight exchanges.
 */
class OrderSubmissionRoundTripsTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

    private static AuditEvent audit(Order order, String action) {
        return AuditEvent.of(AT, "execution", action, AuditSeverity.INFO,
                AuditEvent.details("order_id", order.orderId().value(), "status", order.status().code()));
    }

    @Test
    void an_order_submission_takes_five_round_trips_and_writes_the_order_and_both_audit_lines() {
        RoundTripCounter counter = new RoundTripCounter(db.dataSource());
        PostgresPersistence persistence = new PostgresPersistence(counter.dataSource());
        OrderJournal journal = persistence.orderJournal();
        Order order = anOrder().withId("rt-1").withSymbol("RT1").pending();

        int before = counter.roundTrips();
        persistence.orders().findOpenBySymbol(Symbol.of("RT1"));
        int read = counter.roundTrips() - before;

        before = counter.roundTrips();
        assertThat(journal.place(order, audit(order, "order_placed")).get()).isEqualTo(order);
        int placed = counter.roundTrips() - before;

        before = counter.roundTrips();
        Order acked = journal.change(order.orderId(), stored -> stored.acknowledgedAs(BrokerOrderId.of("b-rt-1"), AT)
                .map(a -> OrderJournal.Changed.to(a, audit(a, "order_submitted")))).get();
        int acknowledged = counter.roundTrips() - before;

        assertThat(read).as("open orders read").isEqualTo(1);
        assertThat(placed).as("placing: order and audit line in one autocommitted statement").isEqualTo(1);
        assertThat(acknowledged).as("acknowledging: lock, order and audit line, COMMIT").isEqualTo(3);
        assertThat(acked.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(db.persistence().orders().findById(order.orderId()).get()).isEqualTo(acked);
        assertThat(db.persistence().auditTrail().ofOrder(order.orderId()).map(e -> e.action() + " "
                + e.details().get("status").getOrElse("")))
                .containsExactly("order_placed pending", "order_submitted submitted");
    }
}
