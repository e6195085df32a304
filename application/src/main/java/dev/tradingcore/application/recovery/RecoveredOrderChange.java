package dev.tradingcore.application.recovery;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderEvent;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.reconciliation.RecoveryDecision;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * The status part of a recovery decision, as a change of the stored order. The decision was computed from the order
 * as read before its missed fills were recorded through the fill journal; the change is computed again from the
 * order as stored and locked (with those fills), so that nothing recorded in between is overwritten: the broker's id
 * is recorded if the order had none, then the order moves to the decided status unless it is already there.
 *
 * <p>{@code UpdatingOrderStatus.apply(stored, report, at)} does the same for a broker report; it does not fit here
 * because a decision may have no report (a pending order the broker never received is rejected on "not found") and
 * because an escalated decision must not move the order to the broker's status (only the safe events are applied).
 */
final class RecoveredOrderChange {

    static final String COMPONENT = "recovery";
    /**
     * The refusal of a change whose order moved on (its status or filled quantity) between the read the decision was
     * made on and the change: a fill landed meanwhile, so the decision is stale, and the order is asked about again.
     */
    static final String MOVED_ON = "order_moved_on";

    private RecoveredOrderChange() {}

    /** Whether the decision changes the order beyond its fills (an acknowledgement or a status move). */
    static boolean changesStatus(RecoveryDecision decision) {
        return statusEvent(decision).isDefined();
    }

    /** @param brokerStatus the broker's raw status, or what the broker answered instead, for the audit line */
    static OrderJournal.Change of(RecoveryDecision decision, String brokerStatus, Instant at) {
        Option<OrderEvent> event = statusEvent(decision);
        Option<BrokerOrderId> brokerId = decision.before().brokerOrderId().isEmpty()
                ? decision.after().brokerOrderId() : Option.none();
        OrderStatus target = decision.after().status();
        Order before = decision.before();
        return stored -> {
            if (stored.status() != before.status()
                    || stored.filledQuantity().compareTo(before.filledQuantity()) != 0) {
                return Either.left(Rejection.of(MOVED_ON, "order " + stored.orderId() + " changed while recovery asked"
                        + " the broker about it (" + before.status().code() + " with " + before.filledQuantity()
                        + " filled, now " + stored.status().code() + " with " + stored.filledQuantity()
                        + "): the broker is asked again"));
            }
            Either<Rejection, Order> current = Either.right(stored);
            if (brokerId.isDefined()) {
                current = current.flatMap(order -> order.acknowledgedAs(brokerId.get(), at));
            }
            if (event.isDefined()) {
                current = current.flatMap(order -> order.status() == target ? Either.right(order)
                        : order.transitionTo(target, reasonOf(event.get()), at).map(OrderEvent::order));
            }
            return current.map(after -> after.equals(stored) ? OrderJournal.Changed.unchanged(stored)
                    : OrderJournal.Changed.to(after, audit(stored, after, decision, brokerStatus, at)));
        };
    }

    private static Option<OrderEvent> statusEvent(RecoveryDecision decision) {
        return decision.events().filter(e -> !(e instanceof OrderEvent.FillApplied)).lastOption();
    }

    private static Option<String> reasonOf(OrderEvent event) {
        return switch (event) {
            case OrderEvent.Rejected rejected -> Option.some(rejected.reason());
            case OrderEvent.BecameUnknown unknown -> Option.some(unknown.brokerStatus());
            default -> Option.none();
        };
    }

    private static AuditEvent audit(Order before, Order after, RecoveryDecision decision, String brokerStatus,
            Instant at) {
        boolean warn = decision.outcome() == RecoveryDecision.Outcome.ESCALATE
                || after.status() == OrderStatus.UNKNOWN || after.status() == OrderStatus.REJECTED;
        return AuditEvent.of(at, COMPONENT, "order_recovered", warn ? AuditSeverity.WARNING : AuditSeverity.INFO,
                AuditEvent.details(
                        "order_id", after.orderId().value(),
                        "client_order_id", after.clientOrderId().value(),
                        "symbol", after.symbol().value(),
                        "side", after.side().code(),
                        "quantity", after.quantity().toString(),
                        "broker_order_id", after.brokerOrderId().map(BrokerOrderId::value).getOrElse(""),
                        "previous_status", before.status().code(),
                        "status", after.status().code(),
                        "filled_quantity", after.filledQuantity().toString(),
                        "broker_status", brokerStatus,
                        "outcome", decision.outcome().name().toLowerCase(java.util.Locale.ROOT),
                        "reason", decision.reason()));
    }
}
