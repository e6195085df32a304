package dev.tradingcore.bootstrap.run;

import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.position.Position;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The built-in sample strategy of the {@code run} job: mean reversion on a few symbols. It keeps a moving average of
 * each symbol's price; below the average it buys a small lot, above it sells what it holds (and sometimes goes short),
 * mostly with limit orders a little inside the market and now and then at market. It is a demonstration of the
 * embedding API, not a way to make money; it is deterministic for a given seed and sequence of prices.
 */
public final class SampleStrategy {

    /** Weight of the newest price in the exponential moving average. */
    private static final BigDecimal ALPHA = new BigDecimal("0.2");

    private final List<Symbol> symbols;
    private final Random random;
    private final Map<Symbol, BigDecimal> average = new HashMap<>();
    private int turn;

    public SampleStrategy(List<Symbol> symbols, long seed) {
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("the sample strategy needs at least one symbol");
        }
        this.symbols = symbols;
        this.random = new Random(seed);
    }

    /**
     * The next order, given the current prices and positions; none when the symbol whose turn it is has no price yet.
     */
    public Option<OrderTicket> next(Function<Symbol, Option<Price>> prices, Function<Symbol, Option<Position>> positions) {
        Symbol symbol = symbols.get(turn++ % symbols.size());
        Option<Price> price = prices.apply(symbol);
        if (price.isEmpty()) {
            return Option.none();
        }
        BigDecimal now = price.get().value();
        BigDecimal mean = average.merge(symbol, now, (old, p) -> old.add(ALPHA.multiply(p.subtract(old)))
                .setScale(8, RoundingMode.HALF_EVEN));
        BigDecimal held = positions.apply(symbol).map(Position::quantity).getOrElse(BigDecimal.ZERO);
        Side side;
        if (now.compareTo(mean) < 0) {
            side = Side.BUY;
        } else if (now.compareTo(mean) > 0 && (held.signum() > 0 || random.nextInt(4) == 0)) {
            side = Side.SELL;
        } else {
            side = random.nextBoolean() ? Side.BUY : Side.SELL;
        }
        Quantity quantity = Quantity.of(1 + random.nextInt(10));
        if (random.nextInt(5) == 0) {
            return Option.some(OrderTicket.market(symbol, side, quantity, price.get()));
        }
        // A limit a few cents inside the market, so that most fill soon and some rest on the book. Whole cents:
        // brokers refuse sub-penny limits above a dollar, and a price known from an average cost has more places.
        BigDecimal offset = new BigDecimal(random.nextInt(5)).movePointLeft(2);
        BigDecimal limit = (side == Side.BUY ? now.subtract(offset) : now.add(offset))
                .setScale(2, side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING);
        if (limit.signum() <= 0) {
            limit = new BigDecimal("0.01");
        }
        return Option.some(new OrderTicket(symbol, side, quantity, OrderType.LIMIT, TimeInForce.DAY,
                Option.some(Price.of(limit)), Option.none(), Option.some(price.get())));
    }
}
