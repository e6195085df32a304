package dev.tradingcore.domain.order;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link OrderJournal} must do, run against each implementation; each test uses its own order ids. */
public abstract class OrderJournalContract {

    protected static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

    protected abstract OrderJournal journal();

    protected abstract OrderRepository orders();

    /** The audit events recorded for one order, oldest first. */
    protected abstract List<AuditEvent> auditOf(OrderId orderId);

    private static AuditEvent audit(Order order, String action) {
        return AuditEvent.of(AT, "execution", action, AuditSeverity.INFO,
                AuditEvent.details("order_id", order.orderId().value()));
    }

    @Test
    void a_placed_order_is_stored_with_its_audit_line() {
        Order order = anOrder().withId("oj-1").pending();

        assertThat(journal().place(order, audit(order, "order_placed")).get()).isEqualTo(order);

        assertThat(orders().findById(order.orderId()).get()).isEqualTo(order);
        assertThat(auditOf(order.orderId()).map(AuditEvent::action)).containsExactly("order_placed");
    }

    @Test
    void placing_the_same_order_again_after_a_lost_commit_answer_writes_nothing_and_answers_the_order() {
        Order order = anOrder().withId("oj-5").withQuantity("3").pending();
        journal().place(order, audit(order, "order_placed"));

        Either<Rejection, Order> again = journal().place(order, audit(order, "order_placed"));

        assertThat(again.get()).isEqualTo(order);
        assertThat(auditOf(order.orderId())).as("one audit line, not two").hasSize(1);
    }

    @Test
    void placing_an_order_id_twice_is_refused_and_keeps_the_first() {
        Order first = anOrder().withId("oj-2").withQuantity("1").pending();
        journal().place(first, audit(first, "order_placed"));

        Either<Rejection, Order> again = journal().place(anOrder().withId("oj-2").withQuantity("2").pending(),
                audit(first, "order_placed"));

        assertThat(again.getLeft().code()).isEqualTo("duplicate_order");
        assertThat(orders().findById(first.orderId()).get()).isEqualTo(first);
        assertThat(auditOf(first.orderId())).hasSize(1);
    }

    @Test
    void placing_another_order_with_a_taken_client_order_id_is_refused_and_keeps_the_first() {
        Order first = anOrder().withId("oj-7").withClientOrderId("cli-shared-7").withQuantity("1").pending();
        journal().place(first, audit(first, "order_placed"));
        Order second = anOrder().withId("oj-8").withClientOrderId("cli-shared-7").withQuantity("2").pending();

        Either<Rejection, Order> again = journal().place(second, audit(second, "order_placed"));

        assertThat(again.getLeft().code()).isEqualTo("duplicate_order");
        assertThat(again.getLeft().message()).contains("cli-shared-7");
        assertThat(orders().findById(second.orderId())).as("the second order").isEmpty();
        assertThat(orders().findByClientOrderId(first.clientOrderId()).get()).isEqualTo(first);
        assertThat(auditOf(first.orderId())).hasSize(1);
        assertThat(auditOf(second.orderId())).as("no audit line for what was refused").isEmpty();
    }

    @Test
    void a_change_is_applied_to_the_stored_order_with_its_audit_line() {
        Order pending = anOrder().withId("oj-3").pending();
        journal().place(pending, audit(pending, "order_placed"));

        Order changed = journal().change(pending.orderId(), stored -> stored.acknowledgedAs(BrokerOrderId.of("b-oj-3"), AT)
                .map(acked -> OrderJournal.Changed.to(acked, audit(acked, "order_submitted")))).get();

        assertThat(changed.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(orders().findById(pending.orderId()).get()).isEqualTo(changed);
        assertThat(auditOf(pending.orderId()).map(AuditEvent::action)).containsExactly("order_placed",
                "order_submitted");
    }

    @Test
    void a_refused_change_or_an_unchanged_order_writes_nothing() {
        Order pending = anOrder().withId("oj-4").pending();
        journal().place(pending, audit(pending, "order_placed"));

        Either<Rejection, Order> refused = journal().change(pending.orderId(),
                stored -> Either.left(Rejection.of("nope", "refused by the test")));
        Either<Rejection, Order> unchanged = journal().change(pending.orderId(),
                stored -> Either.right(OrderJournal.Changed.unchanged(stored)));

        assertThat(refused.getLeft().code()).isEqualTo("nope");
        assertThat(unchanged.get()).isEqualTo(pending);
        assertThat(orders().findById(pending.orderId()).get()).isEqualTo(pending);
        assertThat(auditOf(pending.orderId())).hasSize(1);
    }

    @Test
    void changing_an_order_that_does_not_exist_is_refused() {
        assertThat(journal().change(OrderId.of("oj-none"), stored -> Either.right(OrderJournal.Changed.unchanged(stored)))
                .getLeft().code()).isEqualTo("unknown_order");
    }
}
