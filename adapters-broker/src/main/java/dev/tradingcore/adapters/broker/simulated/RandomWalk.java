package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Symbol;
import io.vavr.collection.List;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A seeded random walk in whole ticks: at each step every price moves by a whole number of ticks drawn uniformly
 * from [-m, m], where m is the volatility in ticks at the current price (at least one tick). A price never falls
 * below one tick.
 */
final class RandomWalk implements PriceFeed {

    private final long seed;
    private final List<Instrument> instruments;
    private final int volatilityBasisPoints;

    RandomWalk(long seed, List<Instrument> instruments, int volatilityBasisPoints) {
        this.seed = seed;
        this.instruments = instruments;
        this.volatilityBasisPoints = volatilityBasisPoints;
    }

    @Override
    public List<Instrument> instruments() {
        return instruments;
    }

    @Override
    public void advance(long step, Map<Symbol, BigDecimal> prices) {
        if (volatilityBasisPoints == 0) {
            return;
        }
        for (int index = 0; index < instruments.size(); index++) {
            Symbol symbol = instruments.get(index).symbol();
            BigDecimal price = prices.get(symbol);
            int maxTicks = Math.max(1, price.multiply(BigDecimal.valueOf(volatilityBasisPoints))
                    .divide(BigDecimal.valueOf(10_000).multiply(SimulatedExchange.TICK), 0, RoundingMode.DOWN)
                    .intValueExact());
            int ticks = DeterministicIds.below(seed, "price", step, index, 2 * maxTicks + 1) - maxTicks;
            BigDecimal next = price.add(SimulatedExchange.TICK.multiply(BigDecimal.valueOf(ticks)));
            prices.put(symbol, next.max(SimulatedExchange.TICK));
        }
    }
}
