package dev.tradingcore.adapters.postgres.order;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.adapters.postgres.resilience.GuardSettings;
import dev.tradingcore.adapters.postgres.resilience.Guarded;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import io.vavr.control.Either;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Placing an order whose COMMIT went through but whose answer was lost (the connection dropped after the server
 * committed): with the production retry policy the placing is retried, finds its order, and the caller hears "placed"
 * (it used to hear "not placed" while a pending order sat in the table holding risk budget).
 */
class LostPlacementAnswerTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

    /** The real journal, whose first placing commits and then loses its answer. */
    private static final class AnswerLostOnce implements OrderJournal {
        private final OrderJournal real;
        private boolean lost;

        AnswerLostOnce(OrderJournal real) {
            this.real = real;
        }

        @Override
        public Either<Rejection, Order> place(Order order, AuditEvent audit) {
            Either<Rejection, Order> placed = real.place(order, audit);
            if (!lost) {
                lost = true;
                throw new PersistenceException(new SQLException("An I/O error occurred while sending to the backend",
                        "08006"));
            }
            return placed;
        }

        @Override
        public Either<Rejection, Order> change(OrderId orderId, Change change) {
            return real.change(orderId, change);
        }
    }

    @Test
    void a_placing_whose_commit_answer_was_lost_is_retried_and_answers_placed_with_one_audit_line() throws Exception {
        PostgresPersistence persistence = db.persistence();
        DatabaseGuard guard = new DatabaseGuard("test", GuardSettings.forTimeout(Duration.ofSeconds(2)),
                new RecordingAlertSink(), Clock.fixed(AT, ZoneOffset.UTC));
        OrderJournal journal = Guarded.of(OrderJournal.class, new AnswerLostOnce(persistence.orderJournal()), guard,
                PostgresPersistence.ORDER_JOURNAL_RETRY);
        Order order = anOrder().withId("lost-answer-1").pending();

        Either<Rejection, Order> placed = journal.place(order, AuditEvent.of(AT, "execution", "order_placed",
                AuditSeverity.INFO, AuditEvent.details("order_id", order.orderId().value())));

        assertThat(placed.get()).isEqualTo(order);
        assertThat(count("SELECT count(*) FROM orders WHERE order_id = 'lost-answer-1'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE order_id = 'lost-answer-1'")).isEqualTo(1);
        guard.close();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
