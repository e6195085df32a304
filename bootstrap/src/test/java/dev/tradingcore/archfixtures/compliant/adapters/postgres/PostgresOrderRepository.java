package dev.tradingcore.archfixtures.compliant.adapters.postgres;

import dev.tradingcore.archfixtures.compliant.domain.order.Order;
import dev.tradingcore.archfixtures.compliant.domain.order.OrderId;
import dev.tradingcore.archfixtures.compliant.domain.order.OrderRepository;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Compliant: JDBC inside the postgres adapter; a named exception for broken infrastructure. */
public final class PostgresOrderRepository implements OrderRepository {
    private final DataSource dataSource;

    public PostgresOrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Option<Order> find(OrderId id) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1) ? Option.none() : Option.none();
        } catch (SQLException e) {
            throw new PersistenceFailure("cannot find " + id, e);
        }
    }

    @Override
    public void save(Order order) {
        throw new PersistenceFailure("read-only fixture", null);
    }
}
