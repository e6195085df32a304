package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderStatus;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@link OrderRepository} in a map, for use-case tests; it passes the same contract as PostgreSQL, including the
 * uniqueness of client and broker order ids (a clash throws {@link IllegalStateException} and stores nothing).
 * Thread-safe.
 */
public final class InMemoryOrderRepository implements OrderRepository {

    private static final Comparator<Order> OLDEST_FIRST =
            Comparator.comparing(Order::submittedAt).thenComparing(o -> o.orderId().value());

    private final Map<OrderId, Order> orders = new HashMap<>();

    @Override
    public synchronized void save(Order order) {
        for (Order other : orders.values()) {
            if (other.orderId().equals(order.orderId())) {
                continue;
            }
            if (other.clientOrderId().equals(order.clientOrderId())) {
                throw new IllegalStateException("client order id " + order.clientOrderId() + " is already used by "
                        + "order " + other.orderId());
            }
            if (order.brokerOrderId().isDefined() && other.brokerOrderId().equals(order.brokerOrderId())) {
                throw new IllegalStateException("broker order id " + order.brokerOrderId().get() + " is already "
                        + "used by order " + other.orderId());
            }
        }
        orders.put(order.orderId(), order);
    }

    @Override
    public synchronized Option<Order> findById(OrderId orderId) {
        return Option.of(orders.get(orderId));
    }

    @Override
    public synchronized Option<Order> findByClientOrderId(ClientOrderId clientOrderId) {
        return List.ofAll(orders.values()).find(o -> o.clientOrderId().equals(clientOrderId));
    }

    @Override
    public synchronized Option<Order> findByBrokerOrderId(BrokerOrderId brokerOrderId) {
        return List.ofAll(orders.values()).find(o -> o.brokerOrderId().contains(brokerOrderId));
    }

    @Override
    public synchronized List<Order> findOpenBySymbol(Symbol symbol) {
        return List.ofAll(orders.values()).filter(o -> o.symbol().equals(symbol) && o.isOpen()).sorted(OLDEST_FIRST);
    }

    @Override
    public synchronized List<Order> findByStatuses(Set<OrderStatus> statuses) {
        return List.ofAll(orders.values()).filter(o -> statuses.contains(o.status())).sorted(OLDEST_FIRST);
    }
}
