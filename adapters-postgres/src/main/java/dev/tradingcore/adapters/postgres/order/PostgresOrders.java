package dev.tradingcore.adapters.postgres.order;

import dev.tradingcore.domain.order.OrderRepository;
import org.apache.ibatis.session.SqlSessionFactory;

/** Entry point of this package for {@link dev.tradingcore.adapters.postgres.PostgresPersistence}. */
public final class PostgresOrders {

    private PostgresOrders() {}

    public static dev.tradingcore.domain.order.OrderJournal journal(SqlSessionFactory sessions) {
        return new MyBatisOrderJournal(sessions);
    }

    public static OrderRepository repository(SqlSessionFactory sessions) {
        return new MyBatisOrderRepository(sessions);
    }
}
