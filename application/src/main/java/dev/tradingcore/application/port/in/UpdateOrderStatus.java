package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.port.BrokerOrder;
import io.vavr.control.Either;

/**
 * Applies a status the broker reports for one of our orders (stream or poll): accepted, cancelled, expired,
 * rejected, or a state we cannot map (recorded as unknown, for reconciliation). Fill quantities are not taken from
 * here: they arrive as fills through {@link ApplyFill}, exactly once.
 */
public interface UpdateOrderStatus {

    Either<Rejection, Order> apply(BrokerOrder report);
}
