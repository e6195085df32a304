package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.collection.List;
import io.vavr.control.Option;

/** The questions asked about orders. */
public interface OrderQueries {

    Option<Order> byId(OrderId orderId);

    Option<Order> byClientOrderId(ClientOrderId clientOrderId);

    /** Orders of a symbol that may still be working, oldest first. */
    List<Order> activeBySymbol(Symbol symbol);

    /** The executions of one order, in execution order. */
    List<Trade> tradesOf(OrderId orderId);
}
