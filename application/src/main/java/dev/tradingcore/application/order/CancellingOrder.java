package dev.tradingcore.application.order;

import dev.tradingcore.application.port.in.CancelOrder;
import dev.tradingcore.application.port.in.UpdateOrderStatus;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Cancelling an order. The broker's answer decides what is recorded: cancelled, or whatever the order became
 * first (a cancel can lose the race to a fill). An order the broker never acknowledged is looked up by client order
 * id first; if the broker definitively does not know it and its submit can no longer be in flight, it is cancelled
 * here without a broker call; while its submit may still land, the cancel is refused ({@code submit_in_flight}).
 */
public final class CancellingOrder implements CancelOrder {

    private final OrderRepository orders;
    private final OrderJournal journal;
    private final BrokerGateway broker;
    private final UpdateOrderStatus statusUpdates;
    private final Duration submitInFlight;
    private final Clock clock;

    /**
     * @param submitInFlight how long a submit may take from the order's placing to the broker's last answer: a pending
     *     order younger than this that the broker does not know yet may still reach it, and is never cancelled here
     */
    public CancellingOrder(OrderRepository orders, OrderJournal journal, BrokerGateway broker,
            UpdateOrderStatus statusUpdates, Duration submitInFlight, Clock clock) {
        this.orders = orders;
        this.journal = journal;
        this.broker = broker;
        this.statusUpdates = statusUpdates;
        this.submitInFlight = submitInFlight;
        this.clock = clock;
    }

    @Override
    public Either<Rejection, Order> cancel(OrderId orderId) {
        Option<Order> found = orders.findById(orderId);
        if (found.isEmpty()) {
            return Either.left(Rejection.of("unknown_order", "there is no order " + orderId));
        }
        Order order = found.get();
        if (!order.isOpen()) {
            return Either.left(Rejection.of("order_not_open", "order " + orderId + " is " + order.status().code()
                    + " and cannot be cancelled"));
        }
        Option<BrokerOrderId> brokerId = order.brokerOrderId();
        if (brokerId.isEmpty()) {
            Either<BrokerFailure, BrokerOrder> lookup = broker.orderByClientOrderId(order.clientOrderId());
            if (lookup.isLeft() && lookup.getLeft() instanceof BrokerFailure.NotFound) {
                Instant now = clock.instant();
                if (now.isBefore(order.submittedAt().plus(submitInFlight))) {
                    // Its submit may still be on its way: cancelled here, it would work at the broker once it lands.
                    return Either.left(Rejection.of("submit_in_flight", "order " + orderId + " was placed "
                            + Duration.between(order.submittedAt(), now).toMillis() + " ms ago and the broker does "
                            + "not have it yet: its submit may still be on its way; cancel it again in a moment"));
                }
                return cancelLocally(order);
            }
            if (lookup.isLeft()) {
                return Either.left(Rejection.of("broker_unavailable", "could not learn whether the broker has order "
                        + orderId + ": " + SubmittingOrder.describe(lookup.getLeft()) + "; try again"));
            }
            brokerId = Option.some(lookup.get().brokerOrderId());
        }
        Either<BrokerFailure, BrokerOrder> answer = broker.cancel(brokerId.get());
        if (answer.isLeft() && answer.getLeft() instanceof BrokerFailure.Rejected) {
            // Typically "already filled" or "already cancelled": the broker's current view settles it.
            answer = broker.orderById(brokerId.get());
        }
        if (answer.isLeft()) {
            return Either.left(Rejection.of("cancel_unconfirmed", "the cancel of order " + orderId
                    + " was not confirmed: " + SubmittingOrder.describe(answer.getLeft())
                    + "; the order may still be working"));
        }
        return statusUpdates.apply(answer.get());
    }

    private Either<Rejection, Order> cancelLocally(Order order) {
        Instant at = clock.instant();
        return journal.change(order.orderId(), stored -> stored.cancelled(at).map(event -> OrderJournal.Changed.to(
                event.order(), OrderAudit.of(at, "order_cancelled", AuditSeverity.INFO, event.order(), "reason",
                        "never reached the broker"))));
    }
}
