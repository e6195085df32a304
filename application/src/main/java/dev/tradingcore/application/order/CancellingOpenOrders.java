package dev.tradingcore.application.order;

import dev.tradingcore.application.port.in.CancelOpenOrders;
import dev.tradingcore.application.port.in.CancelOrder;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderStatus;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Either;

/**
 * Cancels every order of ours that is still open, at the broker, one by one through {@link CancellingOrder} (so each
 * gets what the broker answers recorded, with its audit line): what the kill switch does when trading is halted.
 * Kept on its own so that other "cancel everything we have working" steps (the core stopping, the books no longer
 * kept) can share it.
 */
public final class CancellingOpenOrders implements CancelOpenOrders {

    private final OrderRepository orders;
    private final CancelOrder cancelling;

    public CancellingOpenOrders(OrderRepository orders, CancelOrder cancelling) {
        this.orders = orders;
        this.cancelling = cancelling;
    }

    @Override
    public Outcome cancelAll() {
        List<Order> open = orders.findByStatuses(HashSet.of(OrderStatus.values()).filter(OrderStatus::isOpen));
        List<Order> cancelled = List.empty();
        List<String> notCancelled = List.empty();
        for (Order order : open) {
            Either<Rejection, Order> answer;
            try {
                answer = cancelling.cancel(order.orderId());
            } catch (RuntimeException failed) {
                answer = Either.left(Rejection.of("cancel_failed", String.valueOf(failed.getMessage())));
            }
            if (answer.isRight() && !answer.get().isOpen()) {
                cancelled = cancelled.append(answer.get());
            } else {
                notCancelled = notCancelled.append(order.orderId() + ": " + answer.fold(Rejection::message,
                        o -> "still " + o.status().code()));
            }
        }
        return new Outcome(open.size(), cancelled, notCancelled);
    }
}
