package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import io.vavr.control.Option;
import java.math.BigDecimal;

/**
 * An order request as the simulation receives it, before any validation: the symbol as typed, the quantity as a
 * plain decimal (zero or negative is refused by the simulation with a reason, not by this record).
 *
 * @param clientOrderId none: the simulation assigns one, as Alpaca does
 */
public record NewOrder(Option<String> clientOrderId, String symbol, Side side, BigDecimal quantity, OrderType type,
        TimeInForce timeInForce, Option<BigDecimal> limitPrice, Option<BigDecimal> stopPrice) {

    public NewOrder {
        if (clientOrderId == null || symbol == null || side == null || quantity == null || type == null
                || timeInForce == null || limitPrice == null || stopPrice == null) {
            throw new IllegalArgumentException("a new order needs every field; optional ones as Option.none()");
        }
    }
}
