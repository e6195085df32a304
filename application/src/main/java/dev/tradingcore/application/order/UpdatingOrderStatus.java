package dev.tradingcore.application.order;

import dev.tradingcore.application.port.in.UpdateOrderStatus;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderEvent;
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
        Order order = found.get();
        Instant at = clock.instant();
        if (order.status() == report.status() && order.brokerOrderId().isDefined()) {
            return Either.right(order);
        }
        Either<Rejection, OrderEvent> event = order.status() == OrderStatus.PENDING && report.status() != OrderStatus.REJECTED
                ? order.submitted(report.brokerOrderId(), at)
                        .flatMap(submitted -> report.status() == OrderStatus.SUBMITTED ? Either.right(submitted)
                                : submitted.order().transitionTo(report.status(), reasonOf(report), at))
                : order.transitionTo(report.status(), reasonOf(report), at);
        return event.map(e -> {
            Order after = e.order();
            journal.record(after, OrderAudit.of(at, "order_status_" + after.status().code(),
                    after.status() == OrderStatus.UNKNOWN || after.status() == OrderStatus.REJECTED
                            ? AuditSeverity.WARNING : AuditSeverity.INFO,
                    after, "broker_status", report.rawStatus(), "previous_status", e.previousStatus().code()));
            return after;
        });
    }

    private static Option<String> reasonOf(BrokerOrder report) {
        return report.status() == OrderStatus.UNKNOWN ? Option.some(report.rawStatus()) : report.reason();
    }
}
