package dev.tradingcore.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.common.OrderId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do, run against each implementation (PostgreSQL, in-memory). The port only writes;
 * what was written is read back with {@link #eventsOfOrder}, the implementation's read of the events whose details
 * name an order ({@code "order_id"}). Each test uses its own order ids, so implementations may share one store
 * across the tests of a class.
 */
public abstract class AuditLogContract {

    protected static final Instant T = Instant.parse("2026-11-23T15:00:00Z");

    /** The log under test; the same instance for every call within a test. */
    protected abstract AuditLog log();

    /** The stored events whose details have {@code order_id} = the id, oldest first, then in the order appended. */
    protected abstract List<AuditEvent> eventsOfOrder(OrderId orderId);

    protected static AuditEvent event(String orderId, Instant at, String action) {
        return AuditEvent.of(at, "execution", action, AuditSeverity.INFO,
                AuditEvent.details("order_id", orderId, "quantity", "10.5", "note", "a \"quoted\", comma, é"));
    }

    @Test
    void an_appended_event_comes_back_with_all_its_facts() {
        AuditEvent event = new AuditEvent(T, "oms", "order_submitted",
                AuditEvent.details("order_id", "au-1", "z_last", "1", "a_first", "2", "empty", ""),
                Option.some("ana"), Option.some("session-7"), AuditSeverity.WARNING);

        log().append(event);

        assertThat(eventsOfOrder(OrderId.of("au-1"))).containsExactly(event);
        assertThat(eventsOfOrder(OrderId.of("au-1")).single().details().get("empty")).isEqualTo(Option.some(""));
    }

    @Test
    void the_events_of_an_order_are_oldest_first_then_in_the_order_appended() {
        AuditEvent late = event("au-2", T.plusSeconds(5), "filled");
        AuditEvent first = event("au-2", T, "placed");
        AuditEvent second = event("au-2", T, "submitted");
        AuditEvent third = event("au-2", T, "acknowledged");
        log().append(late);
        log().append(first);
        log().appendAll(List.of(second, third, event("au-3", T, "placed")));
        log().append(AuditEvent.of(T, "system", "started", AuditSeverity.INFO, AuditEvent.details("host", "a")));

        assertThat(eventsOfOrder(OrderId.of("au-2"))).containsExactly(first, second, third, late);
    }

    @Test
    void a_large_batch_is_stored_whole_and_in_order() {
        List<AuditEvent> batch = List.range(0, 1234).map(i -> event("au-4", T, "step-" + i));

        log().appendAll(batch);

        assertThat(eventsOfOrder(OrderId.of("au-4"))).containsExactlyElementsOf(batch);
    }

    @Test
    void a_batch_with_one_event_the_store_cannot_hold_stores_none_of_it() {
        AuditEvent unstorable = new AuditEvent(T, "oms", "placed", AuditEvent.details("order_id", "au-5"),
                Option.some("u".repeat(51)), Option.none(), AuditSeverity.INFO);
        List<AuditEvent> batch = List.range(0, 700).map(i -> event("au-5", T, "step-" + i)).append(unstorable);

        assertThatThrownBy(() -> log().appendAll(batch)).isInstanceOf(RuntimeException.class);

        assertThat(eventsOfOrder(OrderId.of("au-5"))).isEmpty();
    }

    @Test
    void a_batch_appended_again_under_its_id_is_stored_once() {
        List<AuditEvent> batch = List.range(0, 3).map(i -> event("au-7", T, "step-" + i));
        String id = "batch-au-7-" + System.nanoTime();

        boolean first = log().appendBatch(id, batch);
        boolean again = log().appendBatch(id, batch);
        boolean another = log().appendBatch(id + "-b", batch.take(1));

        assertThat(List.of(first, again, another)).containsExactly(true, false, true);
        assertThat(eventsOfOrder(OrderId.of("au-7"))).containsExactlyElementsOf(batch.append(batch.head()));
    }

    @Test
    void an_empty_batch_changes_nothing() {
        log().appendAll(List.empty());

        assertThat(eventsOfOrder(OrderId.of("au-6"))).isEmpty();
    }
}
