package dev.tradingcore.domain.order;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Decimals;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * One order, from the moment we decide to send it until the broker is done with it. Maps one to one to a row of
 * the orders table (plus {@code broker_order_id} and {@code filled_notional}).
 *
 * <p>The record is immutable; every command returns either a {@link Rejection} or an {@link OrderEvent} that
 * carries the next version of the order. The compact constructor refuses any combination that cannot exist:
 * a limit order without a limit price, more filled than ordered, a filled order that is not fully filled.
 *
 * @param brokerOrderId the broker's id, known once the broker acknowledged the order
 * @param filledQuantity the sum of the quantities of the fills applied so far
 * @param filledNotional the exact sum of quantity times price of those fills; the average fill price is derived
 *     from it, so averaging many fills never accumulates rounding
 * @param filledAvgPrice the volume-weighted average fill price, {@code filledNotional / filledQuantity} rounded
 *     half-even to 8 places; none while nothing is filled
 * @param submittedAt when we placed the order (the row's creation time)
 * @param updatedAt when we last changed the order
 * @param filledAt execution time of the fill that completed the order
 * @param cancelledAt when the cancel was confirmed
 * @param errorMessage the broker's reason for a rejection, or the raw state that made the order unknown
 */
public record Order(
        OrderId orderId,
        ClientOrderId clientOrderId,
        Option<BrokerOrderId> brokerOrderId,
        Symbol symbol,
        Side side,
        Quantity quantity,
        OrderType orderType,
        TimeInForce timeInForce,
        Option<Price> limitPrice,
        Option<Price> stopPrice,
        OrderStatus status,
        Quantity filledQuantity,
        BigDecimal filledNotional,
        Option<Price> filledAvgPrice,
        Instant submittedAt,
        Instant updatedAt,
        Option<Instant> filledAt,
        Option<Instant> cancelledAt,
        Option<String> errorMessage) {

    /**
     * Rounding of the average fill price to the column's 8 places: half-even, the unbiased choice for a figure
     * that is reported, never summed back into money.
     */
    public static final RoundingMode AVERAGE_PRICE_ROUNDING = RoundingMode.HALF_EVEN;

    public Order {
        if (orderId == null || clientOrderId == null || brokerOrderId == null || symbol == null || side == null
                || quantity == null || orderType == null || timeInForce == null || limitPrice == null
                || stopPrice == null || status == null || filledQuantity == null || filledAvgPrice == null
                || submittedAt == null || updatedAt == null || filledAt == null || cancelledAt == null
                || errorMessage == null) {
            throw new IllegalArgumentException("an order needs every field; optional ones as Option.none()");
        }
        String problem = priceProblem(orderType, timeInForce, limitPrice, stopPrice).getOrNull();
        if (problem != null) {
            throw new IllegalArgumentException("order " + orderId + ": " + problem);
        }
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("order " + orderId + ": quantity must be greater than zero");
        }
        if (filledQuantity.isGreaterThan(quantity)) {
            throw new IllegalArgumentException("order " + orderId + ": filled " + filledQuantity
                    + " is more than the order quantity " + quantity);
        }
        filledNotional = Decimals.exact(filledNotional, Decimals.AMOUNT_SCALE, "filled notional");
        if (filledQuantity.isZero() != (filledNotional.signum() == 0)
                || filledQuantity.isZero() != filledAvgPrice.isEmpty()) {
            throw new IllegalArgumentException("order " + orderId
                    + ": filled quantity, filled notional and average fill price must be all zero/none or all set");
        }
        if (filledQuantity.isPositive() && !filledAvgPrice.get().equals(averageOf(filledNotional, filledQuantity))) {
            throw new IllegalArgumentException("order " + orderId + ": average fill price " + filledAvgPrice.get()
                    + " is not filled notional / filled quantity");
        }
        String statusProblem = statusProblem(status, filledQuantity, quantity);
        if (statusProblem != null) {
            throw new IllegalArgumentException("order " + orderId + ": " + statusProblem);
        }
    }

    /**
     * A new order, validated and pending: not yet acknowledged by the broker.
     *
     * <p>Rejected when the prices do not suit the type: a limit order needs a limit price, a stop order a stop
     * price, a stop-limit order both, a market order neither; opening and closing auction orders (opg, cls) must
     * be market or limit orders; the quantity must be above zero.
     */
    public static Either<Rejection, OrderEvent.Placed> place(
            OrderId orderId,
            ClientOrderId clientOrderId,
            Symbol symbol,
            Side side,
            Quantity quantity,
            OrderType orderType,
            TimeInForce timeInForce,
            Option<Price> limitPrice,
            Option<Price> stopPrice,
            Instant at) {
        if (!quantity.isPositive()) {
            return Either.left(Rejection.of("invalid_quantity", "an order must be for more than zero shares"));
        }
        Option<String> problem = priceProblem(orderType, timeInForce, limitPrice, stopPrice);
        if (problem.isDefined()) {
            return Either.left(Rejection.of("invalid_order", problem.get()));
        }
        return Either.right(new OrderEvent.Placed(new Order(orderId, clientOrderId, Option.none(), symbol, side,
                quantity, orderType, timeInForce, limitPrice, stopPrice, OrderStatus.PENDING, Quantity.ZERO,
                BigDecimal.ZERO, Option.none(), at, at, Option.none(), Option.none(), Option.none())));
    }

    /** The quantity still to be filled. */
    public Quantity remainingQuantity() {
        return quantity.minus(filledQuantity);
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    /** The broker acknowledged the order under its own id. */
    public Either<Rejection, OrderEvent> submitted(BrokerOrderId brokerId, Instant at) {
        if (brokerOrderId.isDefined() && !brokerOrderId.get().equals(brokerId)) {
            return Either.left(Rejection.of("broker_id_conflict", "order " + orderId + " is already known to the "
                    + "broker as " + brokerOrderId.get() + ", not " + brokerId));
        }
        return status.moveTo(OrderStatus.SUBMITTED).map(next -> new OrderEvent.Submitted(
                withStatus(next, at).withBrokerOrderId(brokerId), status));
    }

    /**
     * The broker's acknowledgement of the order under its own id, whenever it is recorded: a pending order becomes
     * submitted; an order that already moved on (a fill or a status report was recorded before the acknowledgement,
     * as happens when the broker's stream is faster than its answer) only gains the broker's id. The same id again
     * changes nothing; a different id is a conflict.
     *
     * <p>An order we closed ourselves, without the broker ever acknowledging it (cancelled or rejected because the
     * broker did not know it yet), that the broker acknowledges after all was closed wrongly: the broker works it. It
     * {@linkplain #wasReopenedFrom reopens} (submitted, or partially filled or filled by what is booked), so that our
     * books never call closed an order that works at the broker; whoever records it tells a person.
     */
    public Either<Rejection, Order> acknowledgedAs(BrokerOrderId brokerId, Instant at) {
        if (brokerOrderId.isDefined()) {
            return brokerOrderId.get().equals(brokerId) ? Either.right(this)
                    : Either.left(Rejection.of("broker_id_conflict", "order " + orderId + " is already known to the "
                            + "broker as " + brokerOrderId.get() + ", not " + brokerId));
        }
        if (status == OrderStatus.PENDING) {
            return submitted(brokerId, at).map(OrderEvent::order);
        }
        if (status == OrderStatus.CANCELLED || status == OrderStatus.REJECTED) {
            OrderStatus open = filledQuantity.isZero() ? OrderStatus.SUBMITTED
                    : remainingQuantity().isZero() ? OrderStatus.FILLED : OrderStatus.PARTIAL_FILL;
            return Either.right(copy(open, filledQuantity, filledNotional, filledAt, Option.none(), Option.none(), at)
                    .withBrokerOrderId(brokerId));
        }
        return Either.right(withBrokerOrderId(brokerId));
    }

    /**
     * Whether this order is {@code before} reopened by the broker's acknowledgement: {@code before} was closed here
     * (cancelled or rejected) with no broker id, and this is not closed.
     */
    public boolean wasReopenedFrom(Order before) {
        return before.brokerOrderId().isEmpty() && (before.status() == OrderStatus.CANCELLED
                || before.status() == OrderStatus.REJECTED) && status != before.status();
    }

    /** The broker confirmed the cancel. Anything filled before stays filled. */
    public Either<Rejection, OrderEvent> cancelled(Instant at) {
        return status.moveTo(OrderStatus.CANCELLED).map(next -> new OrderEvent.Cancelled(
                copy(next, filledQuantity, filledNotional, filledAt, Option.some(at), errorMessage, at), status));
    }

    /** The broker refused the order, for the given reason. Only possible while nothing is filled. */
    public Either<Rejection, OrderEvent> rejected(String reason, Instant at) {
        if (filledQuantity.isPositive()) {
            return Either.left(Rejection.of("illegal_transition", "order " + orderId + " cannot be rejected: "
                    + filledQuantity + " of it is already filled"));
        }
        return status.moveTo(OrderStatus.REJECTED).map(next -> new OrderEvent.Rejected(
                copy(next, filledQuantity, filledNotional, filledAt, cancelledAt, Option.some(reason), at),
                status, reason));
    }

    /** The order's time in force ran out. Anything filled before stays filled. */
    public Either<Rejection, OrderEvent> expired(Instant at) {
        return status.moveTo(OrderStatus.EXPIRED).map(next -> new OrderEvent.Expired(withStatus(next, at), status));
    }

    /** The broker reported a state that cannot be mapped; it is kept verbatim in the error message. */
    public Either<Rejection, OrderEvent> becameUnknown(String brokerStatus, Instant at) {
        return status.moveTo(OrderStatus.UNKNOWN).map(next -> new OrderEvent.BecameUnknown(
                copy(next, filledQuantity, filledNotional, filledAt, cancelledAt,
                        Option.some("unmapped broker status: " + brokerStatus), at),
                status, brokerStatus));
    }

    /**
     * Moves to the status the broker reports, through the transition table. Filled and partially filled can only
     * be reached this way when the fills already applied agree; otherwise the fills must be applied first with
     * {@link #applyFill}.
     */
    public Either<Rejection, OrderEvent> transitionTo(OrderStatus target, Option<String> reason, Instant at) {
        return switch (target) {
            case PENDING -> status.moveTo(target).map(next -> (OrderEvent) new OrderEvent.Placed(this));
            case SUBMITTED -> status.moveTo(target).map(next -> new OrderEvent.Submitted(withStatus(next, at), status));
            case CANCELLED -> cancelled(at);
            case REJECTED -> rejected(reason.getOrElse("rejected by the broker"), at);
            case EXPIRED -> expired(at);
            case UNKNOWN -> becameUnknown(reason.getOrElse("unknown"), at);
            case PARTIAL_FILL, FILLED -> {
                String problem = statusProblem(target, filledQuantity, quantity);
                if (problem != null) {
                    yield Either.left(Rejection.of("fills_missing", "order " + orderId + " cannot become "
                            + target.code() + ": " + problem + "; apply the broker's fills first"));
                }
                yield status.moveTo(target).map(next -> new OrderEvent.Resolved(withStatus(next, at), status));
            }
        };
    }

    /**
     * Applies one execution: the filled quantity grows by the trade's quantity and the average fill price is
     * recomputed from the exact filled notional.
     *
     * <p>Rules, in order: the trade must be for this order, symbol and side; a rejected order takes no fill
     * (the broker said it never worked, so a fill is a contradiction to escalate, and position reconciliation
     * against the broker catches the money); the filled quantity may never exceed the order quantity, so an
     * over-fill is rejected, never clipped. A fill that completes the quantity makes the order filled, from any
     * state. Otherwise a pending, submitted or partially filled order becomes partially filled, and a cancelled,
     * expired or unknown order keeps its status: a late fill on a cancelled order is real money, recorded, but the
     * rest of the order is still cancelled.
     *
     * @param at when we learnt of the fill
     */
    public Either<Rejection, OrderEvent.FillApplied> applyFill(Trade trade, Instant at) {
        if (!trade.orderId().equals(orderId)) {
            return Either.left(Rejection.of("fill_mismatch", "trade " + trade.tradeId() + " belongs to order "
                    + trade.orderId() + ", not " + orderId));
        }
        if (!trade.symbol().equals(symbol) || trade.side() != side) {
            return Either.left(Rejection.of("fill_mismatch", "trade " + trade.tradeId() + " is a " + trade.side().code()
                    + " of " + trade.symbol() + " but order " + orderId + " is a " + side.code() + " of " + symbol));
        }
        if (status == OrderStatus.REJECTED) {
            return Either.left(Rejection.of("fill_on_rejected_order", "trade " + trade.tradeId() + " fills order "
                    + orderId + " that the broker rejected; reconcile with the broker"));
        }
        Quantity newFilled = filledQuantity.plus(trade.quantity());
        if (newFilled.isGreaterThan(quantity)) {
            return Either.left(Rejection.of("overfill", "trade " + trade.tradeId() + " of " + trade.quantity()
                    + " would bring order " + orderId + " to " + newFilled + " filled, more than its quantity "
                    + quantity + " (" + filledQuantity + " already filled)"));
        }
        boolean complete = newFilled.compareTo(quantity) == 0;
        OrderStatus next = complete
                ? OrderStatus.FILLED
                : switch (status) {
                    case PENDING, SUBMITTED, PARTIAL_FILL -> OrderStatus.PARTIAL_FILL;
                    default -> status;
                };
        boolean late = status == OrderStatus.CANCELLED || status == OrderStatus.EXPIRED;
        Order after = copy(next, newFilled, filledNotional.add(trade.notional()),
                complete ? Option.some(trade.timestamp()) : filledAt, cancelledAt, errorMessage, at);
        return Either.right(new OrderEvent.FillApplied(after, status, trade, late));
    }

    /** The volume-weighted average of an exact notional over a positive quantity, at 8 places. */
    static Price averageOf(BigDecimal notional, Quantity quantity) {
        return Price.of(notional.divide(quantity.value(), Decimals.PRICE_SCALE, AVERAGE_PRICE_ROUNDING));
    }

    private static Option<String> priceProblem(
            OrderType type, TimeInForce tif, Option<Price> limitPrice, Option<Price> stopPrice) {
        if (type.needsLimitPrice() && limitPrice.isEmpty()) {
            return Option.some("a " + type.code() + " order needs a limit price");
        }
        if (!type.needsLimitPrice() && limitPrice.isDefined()) {
            return Option.some("a " + type.code() + " order takes no limit price");
        }
        if (type.needsStopPrice() && stopPrice.isEmpty()) {
            return Option.some("a " + type.code() + " order needs a stop price");
        }
        if (!type.needsStopPrice() && stopPrice.isDefined()) {
            return Option.some("a " + type.code() + " order takes no stop price");
        }
        if (!tif.allows(type)) {
            return Option.some("time in force " + tif.code() + " is only for market or limit orders, not "
                    + type.code());
        }
        return Option.none();
    }

    private static String statusProblem(OrderStatus status, Quantity filled, Quantity quantity) {
        boolean none = filled.isZero();
        boolean all = filled.compareTo(quantity) == 0;
        return switch (status) {
            case PENDING, SUBMITTED, REJECTED -> none ? null : status.code() + " but " + filled + " already filled";
            case PARTIAL_FILL -> !none && !all ? null : "partial_fill needs a filled quantity strictly between 0 and "
                    + quantity + ", not " + filled;
            case FILLED -> all ? null : "filled needs the whole " + quantity + " filled, not " + filled;
            case CANCELLED, EXPIRED, UNKNOWN -> !all ? null : status.code() + " but the whole quantity is filled";
        };
    }

    private Order withStatus(OrderStatus next, Instant at) {
        return copy(next, filledQuantity, filledNotional, filledAt, cancelledAt, errorMessage, at);
    }

    private Order withBrokerOrderId(BrokerOrderId brokerId) {
        return new Order(orderId, clientOrderId, Option.some(brokerId), symbol, side, quantity, orderType, timeInForce,
                limitPrice, stopPrice, status, filledQuantity, filledNotional, filledAvgPrice, submittedAt, updatedAt,
                filledAt, cancelledAt, errorMessage);
    }

    private Order copy(OrderStatus next, Quantity filled, BigDecimal notional, Option<Instant> filledTime,
            Option<Instant> cancelledTime, Option<String> error, Instant at) {
        Option<Price> average = filled.isZero() ? Option.none() : Option.some(averageOf(notional, filled));
        return new Order(orderId, clientOrderId, brokerOrderId, symbol, side, quantity, orderType, timeInForce,
                limitPrice, stopPrice, next, filled, notional, average, submittedAt, at, filledTime, cancelledTime,
                error);
    }
}
