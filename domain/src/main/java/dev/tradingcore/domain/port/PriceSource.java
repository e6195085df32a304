package dev.tradingcore.domain.port;

import dev.tradingcore.domain.marketdata.Quote;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Instant;

/**
 * Where the core's prices come from besides what the trading application pushes: the simulation's price feed, or a
 * broker's positions ({@code current_price} of the Trader API). One call, every price it has.
 */
public interface PriceSource {

    /**
     * The latest prices, each stamped {@code seenAt} unless the source says when it was observed.
     *
     * @param seenAt when the caller asks (the source may not say when its prices were observed)
     */
    Either<BrokerFailure, List<Quote>> latestPrices(Instant seenAt);
}
