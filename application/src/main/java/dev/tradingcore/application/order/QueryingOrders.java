package dev.tradingcore.application.order;

import dev.tradingcore.application.port.in.OrderQueries;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeRepository;
import io.vavr.collection.List;
import io.vavr.control.Option;

/** Order and trade lookups, straight through to the repositories. */
public final class QueryingOrders implements OrderQueries {

    private final OrderRepository orders;
    private final TradeRepository trades;

    public QueryingOrders(OrderRepository orders, TradeRepository trades) {
        this.orders = orders;
        this.trades = trades;
    }

    @Override
    public Option<Order> byId(OrderId orderId) {
        return orders.findById(orderId);
    }

    @Override
    public Option<Order> byClientOrderId(ClientOrderId clientOrderId) {
        return orders.findByClientOrderId(clientOrderId);
    }

    @Override
    public List<Order> activeBySymbol(Symbol symbol) {
        return orders.findOpenBySymbol(symbol);
    }

    @Override
    public List<Trade> tradesOf(OrderId orderId) {
        return trades.findByOrderId(orderId);
    }
}
