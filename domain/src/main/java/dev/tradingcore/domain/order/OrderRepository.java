package dev.tradingcore.domain.order;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Symbol;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;

/**
 * Where orders are kept. Infrastructure failures surface as unchecked exceptions of the adapter; a missing
 * order is an empty option, never an exception.
 */
public interface OrderRepository {

    /** Inserts the order, or replaces the stored version with the same order id. */
    void save(Order order);

    Option<Order> findById(OrderId orderId);

    Option<Order> findByClientOrderId(ClientOrderId clientOrderId);

    Option<Order> findByBrokerOrderId(BrokerOrderId brokerOrderId);

    /** The orders of a symbol that may still be working ({@link OrderStatus#isOpen()}), oldest first. */
    List<Order> findOpenBySymbol(Symbol symbol);

    /** All orders in any of the given statuses, oldest first; recovery asks for the open ones. */
    List<Order> findByStatuses(Set<OrderStatus> statuses);
}
