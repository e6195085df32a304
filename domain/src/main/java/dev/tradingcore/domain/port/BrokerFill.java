package dev.tradingcore.domain.port;

import dev.tradingcore.domain.common.Decimals;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An execution as the broker reports it, identified by the broker's order id. It becomes a {@link Trade} once
 * matched to our order.
 */
public record BrokerFill(
        TradeId tradeId,
        BrokerOrderId brokerOrderId,
        Symbol symbol,
        Side side,
        Quantity quantity,
        Price price,
        BigDecimal commission,
        Option<Liquidity> liquidity,
        Instant executedAt) {

    public BrokerFill {
        if (tradeId == null || brokerOrderId == null || symbol == null || side == null || quantity == null
                || price == null || liquidity == null || executedAt == null) {
            throw new IllegalArgumentException("a broker fill needs every field; liquidity as an option");
        }
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("broker fill " + tradeId + " is for zero shares");
        }
        commission = Decimals.exact(commission, Decimals.QUANTITY_SCALE, "commission");
    }

    /** The trade of our order {@code orderId}. */
    public Trade toTrade(OrderId orderId) {
        return new Trade(tradeId, orderId, symbol, side, quantity, price, executedAt, commission, liquidity);
    }
}
