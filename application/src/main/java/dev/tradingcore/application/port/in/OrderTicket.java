package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import io.vavr.control.Option;

/**
 * A request to trade, as a strategy writes it. Its values are already valid on their own (a symbol, a positive
 * quantity...); whether they fit together (a limit order needs a limit price...) is the order's rule.
 *
 * @param referencePrice the price the risk check values the order at; when absent, the limit or stop price, else the
 *     position's last mark
 */
public record OrderTicket(Symbol symbol, Side side, Quantity quantity, OrderType type, TimeInForce timeInForce,
        Option<Price> limitPrice, Option<Price> stopPrice, Option<Price> referencePrice) {

    public OrderTicket {
        if (symbol == null || side == null || quantity == null || type == null || timeInForce == null
                || limitPrice == null || stopPrice == null || referencePrice == null) {
            throw new IllegalArgumentException("an order ticket needs symbol, side, quantity, type and time in force;"
                    + " prices as options");
        }
    }

    /** A day market order valued at {@code referencePrice} for the risk check. */
    public static OrderTicket market(Symbol symbol, Side side, Quantity quantity, Price referencePrice) {
        return new OrderTicket(symbol, side, quantity, OrderType.MARKET, TimeInForce.DAY, Option.none(),
                Option.none(), Option.some(referencePrice));
    }

    /** A day limit order. */
    public static OrderTicket limit(Symbol symbol, Side side, Quantity quantity, Price limitPrice) {
        return new OrderTicket(symbol, side, quantity, OrderType.LIMIT, TimeInForce.DAY, Option.some(limitPrice),
                Option.none(), Option.none());
    }
}
