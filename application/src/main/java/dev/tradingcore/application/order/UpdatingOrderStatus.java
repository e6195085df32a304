package dev.tradingcore.application.order;

import dev.tradingcore.application.port.in.UpdateOrderStatus;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerOrder;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;

/**
 * Applies the broker's report of an order's state. The order is found by the broker's id, else by our client order
 * id (a report can arrive before the submit's answer was recorded). A report that repeats the recorded state changes
 * nothing; a state the transition table forbids is refused with its reason and nothing is written.
 */
public final class UpdatingOrderStatus implements UpdateOrderStatus {

    /** Code of the refusal of a status the broker's fills we have not booked yet must come before. */
    public static final String FILLS_MISSING = "fills_missing";

    private final OrderRepository orders;
    private final OrderJournal journal;
    private final Clock clock;

    public UpdatingOrderStatus(OrderRepository orders, OrderJournal journal, Clock clock) {
        this.orders = orders;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public Either<Rejection, Order> apply(BrokerOrder report) {
        Option<Order> found = orders.findByBrokerOrderId(report.brokerOrderId())
                .orElse(() -> report.clientOrderId().flatMap(orders::findByClientOrderId));
        if (found.isEmpty()) {
            return Either.left(Rejection.of("unknown_order", "the broker reports order " + report.brokerOrderId()
                    + " which we do not know"));
        }
        Instant at = clock.instant();
        return journal.change(found.get().orderId(), stored -> apply(stored, report, at));
    }

    /**
     * The change a report makes to the stored order; pure, so the journal can apply it to the locked row.
     *
     * <p>An order ends (filled, cancelled, expired, rejected) only when the fills we have booked add up to the filled
     * quantity the broker reports with its end: a fill executed before a cancel may reach us after it (a broker
     * publishes some late), and an order closed in our books stops being asked about. Until then the report is
     * refused with {@code fills_missing} (its acknowledgement, if new, is still recorded).
     */
    static Either<Rejection, OrderJournal.Changed> apply(Order stored, BrokerOrder report, Instant at) {
        return stored.acknowledgedAs(report.brokerOrderId(), at).flatMap(acked -> {
            if (acked.status() == report.status()) {
                return Either.right(acked == stored ? OrderJournal.Changed.unchanged(stored)
                        : OrderJournal.Changed.to(acked, audit(stored, acked, report, at)));
            }
            if (report.status().isTerminal()
                    && acked.filledQuantity().compareTo(report.filledQuantity()) != 0) {
                if (acked != stored) {
                    return Either.right(OrderJournal.Changed.to(acked, audit(stored, acked, report, at)));
                }
                return Either.left(Rejection.of(FILLS_MISSING, "the broker reports order " + stored.orderId() + " "
                        + report.rawStatus() + " with " + report.filledQuantity() + " filled; " + acked.filledQuantity()
                        + " is booked: its fills first"));
            }
            return acked.transitionTo(report.status(), reasonOf(report), at)
                    .map(event -> OrderJournal.Changed.to(event.order(), audit(stored, event.order(), report, at)));
        });
    }

    /** The audit line of a report: its status, or {@code order_reopened} when it reopened an order we had closed. */
    private static dev.tradingcore.domain.audit.AuditEvent audit(Order before, Order after, BrokerOrder report,
            Instant at) {
        boolean reopened = after.wasReopenedFrom(before) || (before.brokerOrderId().isEmpty()
                && (before.status() == OrderStatus.CANCELLED || before.status() == OrderStatus.REJECTED));
        return OrderAudit.of(at, reopened ? "order_reopened" : "order_status_" + after.status().code(),
                reopened || after.status() == OrderStatus.UNKNOWN || after.status() == OrderStatus.REJECTED
                        ? AuditSeverity.WARNING : AuditSeverity.INFO,
                after, "broker_status", report.rawStatus(), "previous_status", before.status().code());
    }

    private static Option<String> reasonOf(BrokerOrder report) {
        return report.status() == OrderStatus.UNKNOWN ? Option.some(report.rawStatus()) : report.reason();
    }
}
