package dev.tradingcore.domain.position;

import dev.tradingcore.domain.common.Decimals;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.trade.Fill;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * What we hold of one symbol, and what it has earned. Maps one to one to a row of the positions table.
 *
 * <p>The source of truth is the signed {@code quantity} and the exact signed {@code costBasis}: what the open
 * shares cost, positive for a long, negative for a short (a short of 10 at 100 has a cost basis of -1000).
 * The {@code averagePrice} is the per-share figure a trader reads: set when the position is opened or increased to
 * cost basis / quantity rounded half-even to 8 places, and left unchanged when the position is reduced. A flat
 * position keeps its row (its realized P&amp;L and commissions survive) but has no average price.
 *
 * <p>Realized P&amp;L is exact too and net of commissions: every fill's commission is an expense booked into
 * realized P&amp;L when it is paid, opening fills included. With this bookkeeping, for any sequence of fills and
 * any mark price, {@code realizedPnl + unrealizedPnlAt(mark)} equals the cash-flow P&amp;L (sells minus buys plus
 * the open quantity at the mark, minus commissions) exactly, with no rounding anywhere.
 *
 * @param quantity signed, 8 places: positive long, negative short, zero flat
 * @param averagePrice average entry price of the open quantity; none when flat
 * @param costBasis exact signed cost of the open quantity (16 places, the scale of quantity times price)
 * @param realizedPnl exact P&amp;L of closed quantity, net of all commissions paid (16 places)
 * @param totalCommission all commissions paid on this symbol (8 places, as the trades table)
 * @param markPrice the last price the position was valued at; none until the first mark
 * @param lastUpdated when we last changed the position
 */
public record Position(
        Symbol symbol,
        BigDecimal quantity,
        Option<Price> averagePrice,
        BigDecimal costBasis,
        BigDecimal realizedPnl,
        BigDecimal totalCommission,
        Option<Price> markPrice,
        Instant lastUpdated) {

    /**
     * Rounding of the average price to the column's 8 places: half-even, unbiased. It never touches the P&amp;L
     * identity, which is carried by the exact cost basis.
     */
    public static final RoundingMode AVERAGE_PRICE_ROUNDING = RoundingMode.HALF_EVEN;

    /**
     * Rounding of the share of cost basis that a partial close takes away (cost basis x closed / held, which need
     * not terminate), at 16 places: half-even, unbiased. The same rounded amount leaves the cost basis and enters
     * realized P&amp;L, so the P&amp;L identity stays exact; only the split between realized and unrealized can move
     * by at most 0.5e-16.
     */
    public static final RoundingMode COST_SHARE_ROUNDING = RoundingMode.HALF_EVEN;

    public Position {
        if (symbol == null || averagePrice == null || markPrice == null || lastUpdated == null) {
            throw new IllegalArgumentException("a position needs a symbol, a time, and its optional prices as options");
        }
        quantity = Decimals.exact(quantity, Decimals.QUANTITY_SCALE, "position quantity");
        costBasis = Decimals.exact(costBasis, Decimals.AMOUNT_SCALE, "cost basis");
        realizedPnl = Decimals.exact(realizedPnl, Decimals.AMOUNT_SCALE, "realized P&L");
        totalCommission = Decimals.exact(totalCommission, Decimals.QUANTITY_SCALE, "total commission");
        if (quantity.signum() == 0 && (averagePrice.isDefined() || costBasis.signum() != 0)) {
            throw new IllegalArgumentException("flat position in " + symbol + " cannot have an average price or a "
                    + "cost basis");
        }
        if (quantity.signum() != 0 && averagePrice.isEmpty()) {
            throw new IllegalArgumentException("open position in " + symbol + " needs an average price");
        }
        if (quantity.signum() != costBasis.signum()) {
            throw new IllegalArgumentException("position in " + symbol + ": cost basis " + costBasis.toPlainString()
                    + " must have the sign of the quantity " + quantity.toPlainString());
        }
        if (totalCommission.signum() < 0) {
            throw new IllegalArgumentException("position in " + symbol + ": total commission cannot be negative");
        }
    }

    /** A position with nothing held, nothing realized and nothing paid. */
    public static Position flat(Symbol symbol, Instant at) {
        return new Position(symbol, BigDecimal.ZERO, Option.none(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                Option.none(), at);
    }

    /**
     * A position taken over as is, e.g. from the broker during reconciliation: its cost basis is quantity times
     * average price; the realized P&amp;L and commissions given are carried over unchanged.
     */
    public static Position opened(Symbol symbol, BigDecimal signedQuantity, Price averagePrice,
            BigDecimal realizedPnl, BigDecimal totalCommission, Option<Price> markPrice, Instant at) {
        BigDecimal quantity = Decimals.exact(signedQuantity, Decimals.QUANTITY_SCALE, "position quantity");
        if (quantity.signum() == 0) {
            return new Position(symbol, quantity, Option.none(), BigDecimal.ZERO, realizedPnl, totalCommission,
                    markPrice, at);
        }
        return new Position(symbol, quantity, Option.some(averagePrice), quantity.multiply(averagePrice.value()),
                realizedPnl, totalCommission, markPrice, at);
    }

    public boolean isFlat() {
        return quantity.signum() == 0;
    }

    public boolean isLong() {
        return quantity.signum() > 0;
    }

    public boolean isShort() {
        return quantity.signum() < 0;
    }

    /** The side that would close this position: sell for a long, buy for a short; none when flat. */
    public Option<Side> closingSide() {
        return isFlat() ? Option.none() : Option.some(isLong() ? Side.SELL : Side.BUY);
    }

    /** The quantity held regardless of direction. */
    public Quantity absoluteQuantity() {
        return Quantity.of(quantity.abs());
    }

    /** Applies a trade of this position's symbol; a trade of another symbol is rejected. */
    public Either<Rejection, Position> apply(Trade trade, Instant at) {
        if (!trade.symbol().equals(symbol)) {
            return Either.left(Rejection.of("symbol_mismatch", "trade " + trade.tradeId() + " is in " + trade.symbol()
                    + ", not in " + symbol));
        }
        return Either.right(apply(trade.fill(), at));
    }

    /**
     * The position after one fill.
     *
     * <ul>
     *   <li>Flat, or same direction as the position: the quantity grows, the fill's notional is added to the cost
     *       basis, the average price becomes cost basis / quantity.</li>
     *   <li>Opposite direction, smaller than the position: the closed quantity realizes
     *       (fill price - average) x closed quantity for a long, (average - fill price) x closed quantity for a
     *       short, where the average is the exact one, cost basis / quantity: the closed quantity takes
     *       cost basis x closed / held out of the cost basis (rounded to 16 places when it does not terminate).
     *       The average price is unchanged.</li>
     *   <li>Opposite direction, as large or larger: the whole position closes, realizing fill price x quantity
     *       minus the exact cost basis (for a short, the other way round); what is left of the fill opens a new
     *       position on the other side at the fill price.</li>
     * </ul>
     * In every case the commission is subtracted from realized P&amp;L and added to total commission.
     */
    public Position apply(Fill fill, Instant at) {
        BigDecimal fillQuantity = fill.quantity().value();
        BigDecimal price = fill.price().value();
        int direction = fill.side().sign();
        BigDecimal realized = realizedPnl.subtract(fill.commission());
        BigDecimal commission = totalCommission.add(fill.commission());

        if (isFlat() || quantity.signum() == direction) {
            BigDecimal newQuantity = quantity.add(fill.signedQuantity());
            BigDecimal newCost = costBasis.add(fill.signedQuantity().multiply(price));
            Price average = Price.of(newCost.abs().divide(newQuantity.abs(), Decimals.PRICE_SCALE,
                    AVERAGE_PRICE_ROUNDING));
            return new Position(symbol, newQuantity, Option.some(average), newCost, realized, commission, markPrice,
                    at);
        }

        // Reducing, closing or flipping: the closed quantity takes its share of the exact cost basis with it.
        BigDecimal held = quantity.abs();
        BigDecimal closed = fillQuantity.min(held);
        BigDecimal sign = BigDecimal.valueOf(quantity.signum());
        BigDecimal removedCost = closed.compareTo(held) == 0
                ? costBasis
                : costBasis.multiply(closed).divide(held, Decimals.AMOUNT_SCALE, COST_SHARE_ROUNDING);
        BigDecimal gain = closed.multiply(price).multiply(sign).subtract(removedCost);
        BigDecimal remainingCost = costBasis.subtract(removedCost);
        BigDecimal rest = fillQuantity.subtract(closed);
        if (closed.compareTo(held) < 0) {
            return new Position(symbol, quantity.add(fill.signedQuantity()), averagePrice, remainingCost,
                    realized.add(gain), commission, markPrice, at);
        }
        if (rest.signum() == 0) {
            return new Position(symbol, BigDecimal.ZERO, Option.none(), BigDecimal.ZERO, realized.add(gain),
                    commission, markPrice, at);
        }
        BigDecimal newQuantity = rest.multiply(BigDecimal.valueOf(direction));
        return new Position(symbol, newQuantity, Option.some(fill.price()), newQuantity.multiply(price),
                realized.add(gain), commission, markPrice, at);
    }

    /** The same position valued at a new mark price. */
    public Position markedAt(Price mark, Instant at) {
        return new Position(symbol, quantity, averagePrice, costBasis, realizedPnl, totalCommission, Option.some(mark),
                at);
    }

    /** Signed market value at a mark: quantity x mark, exact (negative for a short). */
    public BigDecimal marketValueAt(Price mark) {
        return quantity.multiply(mark.value());
    }

    /** Unrealized P&amp;L at a mark: market value minus cost basis, exact. Zero when flat. */
    public BigDecimal unrealizedPnlAt(Price mark) {
        return marketValueAt(mark).subtract(costBasis);
    }

    /** Realized plus unrealized P&amp;L at a mark, exact: everything this symbol has earned, net of commissions. */
    public BigDecimal totalPnlAt(Price mark) {
        return realizedPnl.add(unrealizedPnlAt(mark));
    }

    /**
     * The money columns of the row: market value, cost basis, unrealized and realized P&amp;L, rounded half-even to
     * cents. Valued at the last mark, or at cost (average price) before the first mark.
     */
    public PositionValuation valuation() {
        if (isFlat()) {
            return new PositionValuation(Money.ZERO, Money.ZERO, Money.ZERO, Money.rounded(realizedPnl));
        }
        Price mark = markPrice.getOrElse(averagePrice.get());
        return new PositionValuation(Money.rounded(marketValueAt(mark)), Money.rounded(costBasis),
                Money.rounded(unrealizedPnlAt(mark)), Money.rounded(realizedPnl));
    }
}
