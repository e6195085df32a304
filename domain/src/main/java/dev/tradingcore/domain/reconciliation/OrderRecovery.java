package dev.tradingcore.domain.reconciliation;

import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderEvent;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.reconciliation.RecoveryDecision.Outcome;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * Decides the fate of an order left in an intermediate state (pending, submitted, partially filled, unknown),
 * typically after a restart, from the broker's answer about it.
 *
 * <p>The rules:
 * <ul>
 *   <li>A transient failure (timeout, 5xx, rate limit, connection) is no answer: nothing changes, ask again.
 *       The design marked such an order rejected; a live order marked rejected keeps filling at the broker
 *       while we believe it dead.</li>
 *   <li>"Not found" is an answer. For a pending order, looked up by its client order id, it means the
 *       submission never reached the broker: the order is rejected with that reason. For an order the broker
 *       had acknowledged, it is a contradiction: the order becomes unknown and a person is alerted.</li>
 *   <li>A definitive refusal of the query itself says nothing about the order: nothing changes, a person is
 *       alerted.</li>
 *   <li>When the broker knows the order, every fill of it that the broker reports and we have not recorded is
 *       applied, once each (duplicates in the broker's list and trade ids already recorded are skipped), oldest
 *       first; then the order moves to the broker's status through the transition table. If the fills do not
 *       add up to the broker's filled quantity, or the move is illegal, the fills are still applied and a person
 *       is alerted.</li>
 * </ul>
 */
public final class OrderRecovery {

    private OrderRecovery() {
    }

    /**
     * @param answer the broker's answer to "what about this order?" (by broker id, or by client order id for a
     *     pending order)
     * @param brokerFills executions the broker reports since the order was placed; fills of other orders are
     *     ignored
     * @param recordedTradeIds the trade ids we have already recorded for this order
     */
    public static RecoveryDecision decide(Order order, Either<BrokerFailure, BrokerOrder> answer,
            List<BrokerFill> brokerFills, Set<TradeId> recordedTradeIds, Instant at) {
        if (!order.isOpen()) {
            return unchanged(order, "order is " + order.status().code() + ", nothing to recover");
        }
        if (answer.isLeft()) {
            return onFailure(order, answer.getLeft(), at);
        }
        return onAnswer(order, answer.get(), brokerFills, recordedTradeIds, at);
    }

    private static RecoveryDecision onFailure(Order order, BrokerFailure failure, Instant at) {
        return switch (failure) {
            case BrokerFailure.Transient t -> new RecoveryDecision(Outcome.RETRY_LATER, order, order, List.empty(),
                    Option.some(failure), "no answer from the broker, order left " + order.status().code() + ": "
                    + failure.message());
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

    private static RecoveryDecision onAnswer(Order order, BrokerOrder broker, List<BrokerFill> brokerFills,
            Set<TradeId> recordedTradeIds, Instant at) {
        if (!broker.symbol().equals(order.symbol()) || broker.side() != order.side()
                || broker.quantity().compareTo(order.quantity()) != 0) {
            return escalate(order, order, List.empty(), "the broker's order " + broker.brokerOrderId() + " is a "
                    + broker.side().code() + " of " + broker.quantity() + " " + broker.symbol() + ", ours is a "
                    + order.side().code() + " of " + order.quantity() + " " + order.symbol());
        }
        List<OrderEvent> events = List.empty();
        Order current = order;

        if (current.brokerOrderId().isEmpty() && broker.status() != OrderStatus.REJECTED
                && current.status() == OrderStatus.PENDING) {
            Either<Rejection, OrderEvent> submitted = current.submitted(broker.brokerOrderId(), at);
            events = events.append(submitted.get());
            current = submitted.get().order();
        }

        List<BrokerFill> newFills = brokerFills
                .filter(fill -> fill.brokerOrderId().equals(broker.brokerOrderId()))
                .distinctBy(BrokerFill::tradeId)
                .filter(fill -> !recordedTradeIds.contains(fill.tradeId()))
                .sortBy(BrokerFill::executedAt);
        for (BrokerFill fill : newFills) {
            Either<Rejection, OrderEvent.FillApplied> applied = current.applyFill(fill.toTrade(order.orderId()), at);
            if (applied.isLeft()) {
                return escalate(order, current, events, "fill " + fill.tradeId() + " cannot be applied: "
                        + applied.getLeft().message());
            }
            events = events.append(applied.get());
            current = applied.get().order();
        }

        int filledComparison = current.filledQuantity().compareTo(broker.filledQuantity());
        if (filledComparison != 0) {
            return escalate(order, current, events, "the broker reports " + broker.filledQuantity()
                    + " filled but the fills we know add up to " + current.filledQuantity());
        }

        if (broker.status() == OrderStatus.UNKNOWN) {
            if (current.status() != OrderStatus.UNKNOWN) {
                OrderEvent unknown = current.becameUnknown(broker.rawStatus(), at).get();
                events = events.append(unknown);
                current = unknown.order();
            }
            return escalate(order, current, events, "the broker reports '" + broker.rawStatus()
                    + "', which has no meaning here");
        }
        if (broker.status() != current.status()) {
            Either<Rejection, OrderEvent> moved = current.transitionTo(broker.status(), broker.reason(), at);
            if (moved.isLeft()) {
                return escalate(order, current, events, moved.getLeft().message());
            }
            events = events.append(moved.get());
            current = moved.get().order();
        }
        if (events.isEmpty()) {
            return unchanged(order, "the broker agrees: " + order.status().code());
        }
        return new RecoveryDecision(Outcome.ADVANCED, order, current, events, Option.none(),
                "brought in line with the broker: " + current.status().code() + ", " + events.size() + " event(s)");
    }

    private static RecoveryDecision unchanged(Order order, String reason) {
        return new RecoveryDecision(Outcome.UNCHANGED, order, order, List.empty(), Option.none(), reason);
    }

    private static RecoveryDecision escalate(Order before, Order after, List<OrderEvent> events, String reason) {
        return new RecoveryDecision(Outcome.ESCALATE, before, after, events, Option.none(), reason);
    }
}
