package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.marketdata.Quote;
import io.vavr.collection.List;

/**
 * Prices into the core: each marks its symbol's position at once (in memory), goes to the market data cache in the
 * next batch, and is checked against the daily loss limit.
 */
public interface UpdatePrices {

    /**
     * Takes the prices. A price the market data cache cannot hold (twelve digits or more before the point) is refused
     * with an {@link IllegalArgumentException} naming it, and none of the call's prices is taken.
     */
    void update(List<Quote> quotes);

    default void update(Quote quote) {
        update(List.of(quote));
    }
}
