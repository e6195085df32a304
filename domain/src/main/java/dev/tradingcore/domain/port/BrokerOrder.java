package dev.tradingcore.domain.port;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.common.Side;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * An order as the broker reports it.
 *
 * @param status the broker's state mapped by the adapter; {@link OrderStatus#UNKNOWN} when it has no mapping
 *     (e.g. Alpaca's suspended or replaced), never a guess
 * @param rawStatus the broker's state verbatim, for the audit trail and for whoever resolves an unknown
 * @param reason the broker's reason for a rejection or cancel, when given
 */
public record BrokerOrder(
        BrokerOrderId brokerOrderId,
        Option<ClientOrderId> clientOrderId,
        Symbol symbol,
        Side side,
        Quantity quantity,
        Quantity filledQuantity,
        Option<Price> filledAvgPrice,
        OrderStatus status,
        String rawStatus,
        Option<String> reason,
        Instant updatedAt) {

    public BrokerOrder {
        if (brokerOrderId == null || clientOrderId == null || symbol == null || side == null || quantity == null
                || filledQuantity == null || filledAvgPrice == null || status == null || rawStatus == null
                || reason == null || updatedAt == null) {
            throw new IllegalArgumentException("a broker order needs every field; optional ones as Option.none()");
        }
        if (status == OrderStatus.PENDING) {
            throw new IllegalArgumentException("pending is our own state before the broker knows the order; map the "
                    + "broker's '" + rawStatus + "' to submitted or unknown");
        }
    }
}
