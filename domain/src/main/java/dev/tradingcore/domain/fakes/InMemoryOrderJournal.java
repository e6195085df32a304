package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import io.vavr.control.Either;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link OrderJournal} over an {@link InMemoryOrderRepository} and an {@link InMemoryAuditLog}, with the
 * database's semantics: one change at a time on the stored order, an unknown order or a duplicate id refused,
 * nothing written when a change is refused. It can be told to fail as an unreachable database would.
 */
public final class InMemoryOrderJournal implements OrderJournal {

    private final InMemoryOrderRepository orders;
    private final InMemoryAuditLog audit;
    private final AtomicBoolean unavailable = new AtomicBoolean();

    public InMemoryOrderJournal(InMemoryOrderRepository orders, InMemoryAuditLog audit) {
        this.orders = orders;
        this.audit = audit;
    }

    /** While set, every call fails as if the database were unreachable. */
    public void setUnavailable(boolean value) {
        unavailable.set(value);
    }

    @Override
    public Either<Rejection, Order> place(Order order, AuditEvent event) {
        synchronized (orders) {
            checkAvailable();
            if (orders.findById(order.orderId()).isDefined()
                    || orders.findByClientOrderId(order.clientOrderId()).isDefined()) {
                return Either.left(Rejection.of("duplicate_order", "order " + order.orderId() + " (client order id "
                        + order.clientOrderId() + ") is already recorded"));
            }
            orders.save(order);
            audit.append(event);
            return Either.right(order);
        }
    }

    @Override
    public Either<Rejection, Order> change(OrderId orderId, Change change) {
        synchronized (orders) {
            checkAvailable();
            return orders.findById(orderId)
                    .toEither(() -> Rejection.of("unknown_order", "there is no order " + orderId))
                    .flatMap(change::apply)
                    .map(changed -> {
                        changed.audit().forEach(event -> {
                            orders.save(changed.order());
                            audit.append(event);
                        });
                        return changed.order();
                    });
        }
    }

    private void checkAvailable() {
        if (unavailable.get()) {
            throw new StoreUnavailableException("database unavailable (test)");
        }
    }
}
