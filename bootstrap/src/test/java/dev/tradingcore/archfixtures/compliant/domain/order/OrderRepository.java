package dev.tradingcore.archfixtures.compliant.domain.order;

import io.vavr.control.Option;

/** Compliant: an outbound port next to its aggregate. */
public interface OrderRepository {
    Option<Order> find(OrderId id);

    void save(Order order);
}
