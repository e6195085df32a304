package dev.tradingcore.domain.port;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.order.TimeInForce;
import io.vavr.control.Option;

/**
 * What is sent to the broker to open an order. The client order id makes the submission idempotent: the broker
 * refuses a second order with the same one, so a submission whose answer was lost can be retried safely.
 */
public record OrderRequest(ClientOrderId clientOrderId, Symbol symbol, Side side, Quantity quantity, OrderType type,
        TimeInForce timeInForce, Option<Price> limitPrice, Option<Price> stopPrice) {

    public OrderRequest {
        if (clientOrderId == null || symbol == null || side == null || quantity == null || type == null
                || timeInForce == null || limitPrice == null || stopPrice == null) {
            throw new IllegalArgumentException("an order request needs every field; prices as options");
        }
    }

    /** The request for a validated order. */
    public static OrderRequest of(Order order) {
        return new OrderRequest(order.clientOrderId(), order.symbol(), order.side(), order.quantity(),
                order.orderType(), order.timeInForce(), order.limitPrice(), order.stopPrice());
    }
}
