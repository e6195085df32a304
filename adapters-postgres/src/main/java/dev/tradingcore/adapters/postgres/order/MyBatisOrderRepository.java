package dev.tradingcore.adapters.postgres.order;

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
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/** {@link OrderRepository} on the {@code orders} table. Each call is one autocommitted statement. */
final class MyBatisOrderRepository implements OrderRepository {

    private final SqlSessionFactory sessions;

    MyBatisOrderRepository(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public void save(Order order) {
        OrderRow row = OrderRow.of(order);
        run(mapper -> mapper.upsert(row));
    }

    @Override
    public Option<Order> findById(OrderId orderId) {
        return Option.of(run(mapper -> mapper.findById(orderId.value()))).map(OrderRow::toOrder);
    }

    @Override
    public Option<Order> findByClientOrderId(ClientOrderId clientOrderId) {
        return Option.of(run(mapper -> mapper.findByClientOrderId(clientOrderId.value()))).map(OrderRow::toOrder);
    }

    @Override
    public Option<Order> findByBrokerOrderId(BrokerOrderId brokerOrderId) {
        return Option.of(run(mapper -> mapper.findByBrokerOrderId(brokerOrderId.value()))).map(OrderRow::toOrder);
    }

    @Override
    public List<Order> findOpenBySymbol(Symbol symbol) {
        // Plain JDBC (OrderSql): read on every order submitted, for its risk check.
        try (SqlSession session = sessions.openSession(true)) {
            return List.ofAll(OrderSql.openBySymbol(session.getConnection(), symbol.value())).map(OrderRow::toOrder);
        }
    }

    @Override
    public List<Order> findByStatuses(Set<OrderStatus> statuses) {
        if (statuses.isEmpty()) {
            return List.empty();
        }
        java.util.List<String> codes = statuses.map(OrderStatus::code).toSortedSet().toJavaList();
        return List.ofAll(this.<java.util.List<OrderRow>>run(mapper -> mapper.findByStatuses(codes))).map(OrderRow::toOrder);
    }

    private <T> T run(Function<OrderMapper, T> statement) {
        try (SqlSession session = sessions.openSession(true)) {
            return statement.apply(session.getMapper(OrderMapper.class));
        }
    }
}
