package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Symbol;
import io.vavr.collection.List;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Where the simulation's prices come from. A feed is a pure function of the step number and the prices before it,
 * so a restored simulation continues with exactly the prices it would have had.
 */
interface PriceFeed {

    /** The symbols and their prices before the first step. */
    List<Instrument> instruments();

    /** Moves {@code prices} (every instrument's current price, on the tick) to their values at {@code step}. */
    void advance(long step, Map<Symbol, BigDecimal> prices);
}
