package dev.tradingcore.adapters.postgres.order;

import dev.tradingcore.adapters.postgres.audit.AuditRow;
import dev.tradingcore.adapters.postgres.mybatis.Transactions;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import io.vavr.control.Either;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * The order journal on PostgreSQL: each call one READ COMMITTED transaction that writes the order and its audit
 * line. A placing is one autocommitted statement (the order and its line, or nothing). A change locks the order's row
 * ({@code FOR NO KEY UPDATE}) and applies the domain's change to the row as stored, so that a concurrent fill (which
 * locks the same row) is never overwritten; the new row and its line are then one statement. The SQL is in
 * {@link OrderSql}, plain JDBC on the session's connection.
 */
final class MyBatisOrderJournal implements OrderJournal {

    private final SqlSessionFactory sessions;

    MyBatisOrderJournal(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Either<Rejection, Order> place(Order order, AuditEvent audit) {
        // One autocommitted statement writes the order and its audit line, or nothing when the order exists.
        boolean written = Transactions.inOneStatement(sessions,
                session -> OrderSql.place(session.getConnection(), OrderRow.of(order), AuditRow.of(audit)) == 1);
        if (written) {
            return Either.right(order);
        }
        // The same order placed again is the retry of a placing whose COMMIT answer was lost: it is there.
        OrderRow stored = Transactions.inOneStatement(sessions,
                session -> session.getMapper(OrderMapper.class).findById(order.orderId().value()));
        if (stored != null && OrderJournal.samePlacement(stored.toOrder(), order)) {
            return Either.right(stored.toOrder());
        }
        return Either.left(Rejection.of("duplicate_order", "order " + order.orderId() + " (client order id "
                + order.clientOrderId() + ") is already recorded"));
    }

    @Override
    public Either<Rejection, Order> change(OrderId orderId, Change change) {
        return Transactions.inTransaction(sessions, session -> apply(session, orderId, change));
    }

    private static Either<Rejection, Order> apply(SqlSession session, OrderId orderId, Change change) {
        OrderRow stored = OrderSql.lockById(session.getConnection(), orderId.value());
        if (stored == null) {
            return Either.left(Rejection.of("unknown_order", "there is no order " + orderId));
        }
        Either<Rejection, Changed> changed = change.apply(stored.toOrder());
        if (changed.isLeft()) {
            session.rollback(true);
            return Either.left(changed.getLeft());
        }
        Changed result = changed.get();
        if (result.audit().isDefined()) {
            if (OrderSql.change(session.getConnection(), OrderRow.of(result.order()),
                    AuditRow.of(result.audit().get())) != 1) {
                // The row is locked by this transaction: it cannot have gone.
                throw new IllegalStateException("order " + orderId + " was locked but its update wrote no row");
            }
        }
        return Either.right(result.order());
    }
}
