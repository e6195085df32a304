package dev.tradingcore.domain.risk;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The risk check every order passes before it is sent.
 *
 * <p>The position an order is judged by is the worst case: the current position plus every open order of the
 * same symbol on the same side (their unfilled quantity) plus this order, so splitting an order in pieces does not
 * get around the limit. An order that cannot increase the absolute position (it reduces or closes it) always
 * passes: refusing to cut risk would be the dangerous answer.
 */
public final class PreTradeCheck {

    /**
     * Rounding of the projected position value to cents: up (away from zero), so that rounding can never hide a
     * value above the limit.
     */
    public static final RoundingMode PROJECTED_VALUE_ROUNDING = RoundingMode.UP;

    private PreTradeCheck() {
    }

    /**
     * @param position our position in the order's symbol, if any
     * @param openOrders our other open orders in that symbol
     * @param referencePrice the price to value the projected position at (last trade, or the limit price)
     * @param pnlToday realized plus unrealized P&amp;L since the start of the day, net of commissions
     */
    public static Either<RiskBreach, Order> check(RiskLimits limits, Order order, Option<Position> position,
            List<Order> openOrders, Price referencePrice, Money pnlToday) {
        BigDecimal held = position.map(Position::quantity).getOrElse(BigDecimal.ZERO);
        int direction = order.side().sign();
        BigDecimal working = openOrders
                .filter(other -> other.symbol().equals(order.symbol()) && other.side() == order.side()
                        && other.isOpen() && !other.orderId().equals(order.orderId()))
                .map(other -> other.remainingQuantity().value())
                .fold(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal before = held.add(working.multiply(BigDecimal.valueOf(direction)));
        BigDecimal after = before.add(order.quantity().value().multiply(BigDecimal.valueOf(direction)));
        boolean reducesRisk = after.abs().compareTo(held.abs()) <= 0;
        if (reducesRisk) {
            return Either.right(order);
        }
        if (pnlToday.compareTo(limits.maxDailyLoss().negate()) <= 0) {
            return Either.left(new RiskBreach.DailyLossLimitReached(pnlToday, limits.maxDailyLoss()));
        }
        Money projected = new Money(after.abs().multiply(referencePrice.value())
                .setScale(2, PROJECTED_VALUE_ROUNDING));
        if (projected.isGreaterThan(limits.maxPositionSize())) {
            return Either.left(new RiskBreach.PositionLimitExceeded(order.symbol(), projected,
                    limits.maxPositionSize()));
        }
        return Either.right(order);
    }
}
