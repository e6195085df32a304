package dev.tradingcore.domain.reconciliation;

import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderEvent;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.reconciliation.RecoveryDecision.Outcome;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides the fate of an order left in an intermediate state (pending, submitted, partially filled, unknown),
 * typically after a restart, from the broker's answer about it. The order's fills are booked before (every fill of the
 * broker's window, in execution order, by the fill journal): a decision only moves the order's status.
 *
 * <p>The rules:
 * <ul>
 *   <li>A transient failure (timeout, 5xx, rate limit, connection, an unreadable answer, refused credentials) is no
 *       answer: nothing changes, ask again. The design marked such an order rejected; a live order marked rejected
 *       keeps filling at the broker while we believe it dead.</li>
 *   <li>"Not found" is an answer. For a pending order, looked up by its client order id, it means the submission
 *       never reached the broker: the order is rejected with that reason, unless it is younger than the time a
 *       submit may take (a core still running may have its request in flight: that order is asked about again
 *       later). For an order the broker had acknowledged, it is a contradiction: the order becomes unknown and a
 *       person is alerted.</li>
 *   <li>A definitive refusal of the query itself says nothing about the order: nothing changes, a person is
 *       alerted.</li>
 *   <li>When the broker knows the order, a pending order records the broker's id. If the broker's filled quantity is
 *       not what we have booked, fills are still to come (a broker publishes some late): the status waits for them.
 *       Otherwise the order moves to the broker's status through the transition table; an illegal move, or a broker
 *       order that is not ours (another symbol, side or quantity), is for a person.</li>
 * </ul>
 */
public final class OrderRecovery {

    private OrderRecovery() {
    }

    /**
     * @param answer the broker's answer to "what about this order?" (by broker id, or by client order id for a
     *     pending order)
     * @param submitInFlight how long a submit may take from the order's placing to the broker's answer (its request,
     *     a lookup and a resend, each with its timeout): a pending order younger than that may still reach the broker
     */
    public static RecoveryDecision decide(Order order, Either<BrokerFailure, BrokerOrder> answer, Instant at,
            Duration submitInFlight) {
        if (!order.isOpen()) {
            return unchanged(order, "order is " + order.status().code() + ", nothing to recover");
        }
        if (answer.isLeft()) {
            return onFailure(order, answer.getLeft(), at, submitInFlight);
        }
        return onAnswer(order, answer.get(), at);
    }

    private static RecoveryDecision onFailure(Order order, BrokerFailure failure, Instant at,
            Duration submitInFlight) {
        return switch (failure) {
            case BrokerFailure.Transient t -> new RecoveryDecision(Outcome.RETRY_LATER, order, order, List.empty(),
                    Option.some(failure), "no answer from the broker, order left " + order.status().code() + ": "
                    + failure.message());
            case BrokerFailure.NotFound notFound when order.status() == OrderStatus.PENDING
                    && at.isBefore(order.submittedAt().plus(submitInFlight)) -> new RecoveryDecision(
                    Outcome.RETRY_LATER, order, order, List.empty(), Option.some(failure), "not at the broker yet, "
                    + "but placed " + Duration.between(order.submittedAt(), at).toMillis() + " ms ago: its submit "
                    + "may still be in flight");
            case BrokerFailure.NotFound notFound when order.status() == OrderStatus.PENDING -> {
                String reason = "never reached the broker: " + failure.message();
                OrderEvent event = order.rejected(reason, at).get();
                yield new RecoveryDecision(Outcome.ADVANCED, order, event.order(), List.of(event),
                        Option.some(failure), reason);
            }
            case BrokerFailure.NotFound notFound -> {
                String reason = "the broker no longer knows order " + order.orderId() + " that it had acknowledged";
                List<OrderEvent> events = order.status() == OrderStatus.UNKNOWN
                        ? List.empty()
                        : List.of(order.becameUnknown("not found", at).get());
                yield new RecoveryDecision(Outcome.ESCALATE, order, events.lastOption().map(OrderEvent::order)
                        .getOrElse(order), events, Option.some(failure), reason);
            }
            case BrokerFailure.Rejected rejected -> new RecoveryDecision(Outcome.ESCALATE, order, order,
                    List.empty(), Option.some(failure), "the broker refused the status query: " + failure.message());
        };
    }

    private static RecoveryDecision onAnswer(Order order, BrokerOrder broker, Instant at) {
        if (!broker.symbol().equals(order.symbol()) || broker.side() != order.side()
                || broker.quantity().compareTo(order.quantity()) != 0) {
            return decision(Outcome.ESCALATE, order, order, List.empty(), "the broker's order " + broker.brokerOrderId()
                    + " is a " + broker.side().code() + " of " + broker.quantity() + " " + broker.symbol()
                    + ", ours is a " + order.side().code() + " of " + order.quantity() + " " + order.symbol());
        }
        List<OrderEvent> events = List.empty();
        Order current = order;

        if (current.brokerOrderId().isEmpty() && broker.status() != OrderStatus.REJECTED
                && current.status() == OrderStatus.PENDING) {
            Either<Rejection, OrderEvent> submitted = current.submitted(broker.brokerOrderId(), at);
            events = events.append(submitted.get());
            current = submitted.get().order();
        }

        if (current.filledQuantity().compareTo(broker.filledQuantity()) != 0) {
            return decision(Outcome.AWAITING_FILLS, order, current, events, "the broker reports "
                    + broker.filledQuantity() + " filled, we have booked " + current.filledQuantity()
                    + ": its status waits for the fills");
        }

        if (broker.status() == OrderStatus.UNKNOWN) {
            if (current.status() != OrderStatus.UNKNOWN) {
                OrderEvent unknown = current.becameUnknown(broker.rawStatus(), at).get();
                events = events.append(unknown);
                current = unknown.order();
            }
            return decision(Outcome.ESCALATE, order, current, events, "the broker reports '" + broker.rawStatus()
                    + "', which has no meaning here");
        }
        if (broker.status() != current.status()) {
            Either<Rejection, OrderEvent> moved = current.transitionTo(broker.status(), broker.reason(), at);
            if (moved.isLeft()) {
                return decision(Outcome.ESCALATE, order, current, events, moved.getLeft().message());
            }
            events = events.append(moved.get());
            current = moved.get().order();
        }
        if (events.isEmpty()) {
            return unchanged(order, "the broker agrees: " + order.status().code());
        }
        return decision(Outcome.ADVANCED, order, current, events, "brought in line with the broker: "
                + current.status().code() + ", " + events.size() + " event(s)");
    }

    private static RecoveryDecision unchanged(Order order, String reason) {
        return new RecoveryDecision(Outcome.UNCHANGED, order, order, List.empty(), Option.none(), reason);
    }

    private static RecoveryDecision decision(Outcome outcome, Order before, Order after, List<OrderEvent> events,
            String reason) {
        return new RecoveryDecision(outcome, before, after, events, Option.none(), reason);
    }
}
