package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import io.vavr.control.Either;

/**
 * Asks the broker to cancel one of our orders and records the outcome. The answer is the order as recorded
 * afterwards: cancelled, or (if the cancel lost the race) filled, or still open when the broker could not be reached.
 */
public interface CancelOrder {

    Either<Rejection, Order> cancel(OrderId orderId);
}
