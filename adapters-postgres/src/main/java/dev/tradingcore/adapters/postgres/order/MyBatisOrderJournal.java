package dev.tradingcore.adapters.postgres.order;

import dev.tradingcore.adapters.postgres.audit.AuditMapper;
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
 * line. A change locks the order's row ({@code FOR NO KEY UPDATE}) and applies the domain's change to the row as stored,
 * so that a concurrent fill (which locks the same row) is never overwritten.
 */
final class MyBatisOrderJournal implements OrderJournal {

    private final SqlSessionFactory sessions;

    MyBatisOrderJournal(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Either<Rejection, Order> place(Order order, AuditEvent audit) {
        return Transactions.inTransaction(sessions, session -> {
            OrderMapper orders = session.getMapper(OrderMapper.class);
            if (orders.insertNew(OrderRow.of(order)) == 0) {
                session.rollback(true);
                // The same order placed again is the retry of a placing whose COMMIT answer was lost: it is there.
                OrderRow stored = orders.findById(order.orderId().value());
                if (stored != null && OrderJournal.samePlacement(stored.toOrder(), order)) {
                    return Either.right(stored.toOrder());
                }
                return Either.left(Rejection.of("duplicate_order", "order " + order.orderId() + " (client order id "
                        + order.clientOrderId() + ") is already recorded"));
            }
            session.getMapper(AuditMapper.class).insert(AuditRow.of(audit));
            return Either.right(order);
        });
    }

    @Override
    public Either<Rejection, Order> change(OrderId orderId, Change change) {
        return Transactions.inTransaction(sessions, session -> apply(session, orderId, change));
    }

    private static Either<Rejection, Order> apply(SqlSession session, OrderId orderId, Change change) {
        OrderMapper orders = session.getMapper(OrderMapper.class);
        OrderRow stored = orders.lockById(orderId.value());
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
            orders.update(OrderRow.of(result.order()));
            session.getMapper(AuditMapper.class).insert(AuditRow.of(result.audit().get()));
        }
        return Either.right(result.order());
    }
}
