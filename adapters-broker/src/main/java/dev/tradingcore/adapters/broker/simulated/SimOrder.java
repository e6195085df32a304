package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Decimals;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * An order at the simulated exchange. Immutable: every change makes a new value. Optional fields are null when
 * absent (the record is also the saved state's shape); the {@code Option} accessors are for readers.
 *
 * @param sequence the order's place in the exchange's arrival order; matching goes by it
 * @param filledNotional the sum of quantity times price of its fills, for the average price
 * @param triggered whether a stop or stop-limit order's stop has traded
 * @param rested whether the order has had a matching opportunity and stayed open (a later fill adds liquidity)
 * @param reservePrice the price its buying power was reserved at
 * @param shortQuantity how much of a sell opens or adds to a short (needs buying power); zero for buys
 */
public record SimOrder(String id, String clientOrderId, Symbol symbol, Side side, BigDecimal quantity, OrderType type,
        TimeInForce timeInForce, BigDecimal limitPrice, BigDecimal stopPrice, SimOrderStatus status,
        BigDecimal filledQuantity, BigDecimal filledNotional, boolean triggered, boolean rested,
        BigDecimal reservePrice, BigDecimal shortQuantity, long sequence, Instant createdAt, Instant updatedAt,
        Instant filledAt, Instant canceledAt, Instant expiredAt) {

    public SimOrder {
        if (id == null || clientOrderId == null || symbol == null || side == null || quantity == null || type == null
                || timeInForce == null || status == null || filledQuantity == null || filledNotional == null
                || reservePrice == null || shortQuantity == null || createdAt == null || updatedAt == null) {
            throw new IllegalArgumentException("a simulated order is missing a required field");
        }
    }

    public BigDecimal remaining() {
        return quantity.subtract(filledQuantity);
    }

    public Option<BigDecimal> limit() {
        return Option.of(limitPrice);
    }

    public Option<BigDecimal> stop() {
        return Option.of(stopPrice);
    }

    /** The average fill price at 8 places (half-even), none before the first fill. */
    public Option<BigDecimal> filledAveragePrice() {
        if (filledQuantity.signum() == 0) {
            return Option.none();
        }
        return Option.some(filledNotional.divide(filledQuantity, Decimals.PRICE_SCALE, RoundingMode.HALF_EVEN));
    }

    SimOrder filled(BigDecimal slice, BigDecimal price, Instant at) {
        BigDecimal newFilled = filledQuantity.add(slice);
        boolean complete = newFilled.compareTo(quantity) >= 0;
        return new SimOrder(id, clientOrderId, symbol, side, quantity, type, timeInForce, limitPrice, stopPrice,
                complete ? SimOrderStatus.FILLED : SimOrderStatus.PARTIALLY_FILLED, newFilled,
                filledNotional.add(slice.multiply(price)), triggered, rested, reservePrice, shortQuantity, sequence,
                createdAt, at, complete ? at : filledAt, canceledAt, expiredAt);
    }

    SimOrder canceled(Instant at) {
        return new SimOrder(id, clientOrderId, symbol, side, quantity, type, timeInForce, limitPrice, stopPrice,
                SimOrderStatus.CANCELED, filledQuantity, filledNotional, triggered, rested, reservePrice,
                shortQuantity, sequence, createdAt, at, filledAt, at, expiredAt);
    }

    SimOrder expired(Instant at) {
        return new SimOrder(id, clientOrderId, symbol, side, quantity, type, timeInForce, limitPrice, stopPrice,
                SimOrderStatus.EXPIRED, filledQuantity, filledNotional, triggered, rested, reservePrice,
                shortQuantity, sequence, createdAt, at, filledAt, canceledAt, at);
    }

    SimOrder withTriggered(Instant at) {
        return new SimOrder(id, clientOrderId, symbol, side, quantity, type, timeInForce, limitPrice, stopPrice,
                status, filledQuantity, filledNotional, true, rested, reservePrice, shortQuantity, sequence, createdAt,
                at, filledAt, canceledAt, expiredAt);
    }

    SimOrder withRested() {
        return new SimOrder(id, clientOrderId, symbol, side, quantity, type, timeInForce, limitPrice, stopPrice,
                status, filledQuantity, filledNotional, triggered, true, reservePrice, shortQuantity, sequence,
                createdAt, updatedAt, filledAt, canceledAt, expiredAt);
    }
}
