package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;

/** A tradable symbol of the simulation and its price when the simulation starts. */
public record Instrument(Symbol symbol, Price startPrice) {

    public Instrument {
        if (symbol == null || startPrice == null) {
            throw new IllegalArgumentException("an instrument needs a symbol and a start price");
        }
        if (!SimulatedExchange.onTick(startPrice.value())) {
            throw new IllegalArgumentException("start price " + startPrice + " of " + symbol + " is not a multiple of "
                    + "the tick size " + SimulatedExchange.TICK.toPlainString());
        }
    }

    public static Instrument of(String symbol, String startPrice) {
        return new Instrument(Symbol.of(symbol), Price.of(startPrice));
    }
}
