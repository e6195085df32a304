package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.marketdata.Quote;
import io.vavr.collection.List;

/**
 * Prices into the core: each marks its symbol's position at once (in memory), goes to the market data cache in the
 * next batch, and is checked against the daily loss limit.
 */
public interface UpdatePrices {

    void update(List<Quote> quotes);

    default void update(Quote quote) {
        update(List.of(quote));
    }
}
