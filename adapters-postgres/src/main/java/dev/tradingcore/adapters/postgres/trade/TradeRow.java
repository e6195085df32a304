package dev.tradingcore.adapters.postgres.trade;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of {@code trades}, column for column. {@code trade_value} is written from the domain's rounding
 * ({@link Trade#tradeValue()}) and not read back. Public, with its conversions, for the fill journal and the bulk
 * ingest, which write trades through {@link TradeMapper#insert}.
 */
public record TradeRow(
        String tradeId,
        String orderId,
        String symbol,
        String side,
        BigDecimal quantity,
        BigDecimal price,
        Instant timestamp,
        BigDecimal commission,
        BigDecimal tradeValue,
        String liquidity) {

    public static TradeRow of(Trade trade) {
        return new TradeRow(trade.tradeId().value(), trade.orderId().value(), trade.symbol().value(),
                trade.side().code(), trade.quantity().value(), trade.price().value(), trade.timestamp(),
                trade.commission(), trade.tradeValue().amount(), trade.liquidity().map(Liquidity::code).getOrNull());
    }

    public Trade toTrade() {
        return toTrade(OrderId.of(orderId), Symbol.of(symbol));
    }

    /**
     * The rows of one read as trades. The rows of a hot read share their symbol (a symbol's month) or their order
     * (an order's trades): each distinct symbol and order id of a run of equal ones is validated once (the symbol
     * through a regular expression), not once per row, and every row is still checked as {@link #toTrade} checks it.
     */
    public static io.vavr.collection.List<Trade> toTrades(java.util.List<TradeRow> rows) {
        Trade[] trades = new Trade[rows.size()];
        OrderId order = null;
        Symbol symbol = null;
        for (int i = 0; i < trades.length; i++) {
            TradeRow row = rows.get(i);
            if (order == null || !order.value().equals(row.orderId)) {
                order = OrderId.of(row.orderId);
            }
            if (symbol == null || !symbol.value().equals(row.symbol)) {
                symbol = Symbol.of(row.symbol);
            }
            trades[i] = row.toTrade(order, symbol);
        }
        return io.vavr.collection.List.of(trades);
    }

    private Trade toTrade(OrderId order, Symbol symbol) {
        return new Trade(TradeId.of(tradeId), order, symbol,
                Side.fromCode(side).getOrElseThrow(() -> unknown("side", side)), Quantity.of(quantity),
                Price.of(price), timestamp, commission,
                liquidity == null
                        ? Option.none()
                        : Option.some(Liquidity.fromCode(liquidity)
                                .getOrElseThrow(() -> unknown("liquidity", liquidity))));
    }

    private IllegalStateException unknown(String column, String value) {
        return new IllegalStateException("trades row " + tradeId + ": unknown " + column + " '" + value + "'");
    }
}
