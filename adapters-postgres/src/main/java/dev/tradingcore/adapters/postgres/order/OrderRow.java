package dev.tradingcore.adapters.postgres.order;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of {@code orders}, column for column. Public, with its conversions, so that the fill journal (another
 * package of this adapter) can lock, read and update orders through {@link OrderMapper}.
 */
public record OrderRow(
        String orderId,
        String clientOrderId,
        String brokerOrderId,
        String symbol,
        String side,
        BigDecimal quantity,
        String orderType,
        String timeInForce,
        BigDecimal limitPrice,
        BigDecimal stopPrice,
        String status,
        BigDecimal filledQuantity,
        BigDecimal filledNotional,
        BigDecimal filledAvgPrice,
        Instant submittedAt,
        Instant updatedAt,
        Instant filledAt,
        Instant cancelledAt,
        String errorMessage) {

    public static OrderRow of(Order order) {
        return new OrderRow(order.orderId().value(), order.clientOrderId().value(),
                order.brokerOrderId().map(BrokerOrderId::value).getOrNull(), order.symbol().value(),
                order.side().code(), order.quantity().value(), order.orderType().code(), order.timeInForce().code(),
                order.limitPrice().map(Price::value).getOrNull(), order.stopPrice().map(Price::value).getOrNull(),
                order.status().code(), order.filledQuantity().value(), order.filledNotional(),
                order.filledAvgPrice().map(Price::value).getOrNull(), order.submittedAt(), order.updatedAt(),
                order.filledAt().getOrNull(), order.cancelledAt().getOrNull(), order.errorMessage().getOrNull());
    }

    /** The domain's order; a row the domain refuses (which the table's checks should make impossible) throws. */
    public Order toOrder() {
        return new Order(OrderId.of(orderId), ClientOrderId.of(clientOrderId),
                Option.of(brokerOrderId).map(BrokerOrderId::of), Symbol.of(symbol),
                Side.fromCode(side).getOrElseThrow(() -> unknown("side", side)), Quantity.of(quantity),
                OrderType.fromCode(orderType).getOrElseThrow(() -> unknown("order_type", orderType)),
                TimeInForce.fromCode(timeInForce).getOrElseThrow(() -> unknown("time_in_force", timeInForce)),
                Option.of(limitPrice).map(Price::of), Option.of(stopPrice).map(Price::of),
                OrderStatus.fromCode(status).getOrElseThrow(() -> unknown("status", status)),
                Quantity.of(filledQuantity), filledNotional, Option.of(filledAvgPrice).map(Price::of), submittedAt,
                updatedAt, Option.of(filledAt), Option.of(cancelledAt), Option.of(errorMessage));
    }

    private IllegalStateException unknown(String column, String value) {
        return new IllegalStateException("orders row " + orderId + ": unknown " + column + " '" + value + "'");
    }
}
