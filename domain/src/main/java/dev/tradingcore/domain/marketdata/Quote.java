package dev.tradingcore.domain.marketdata;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * A market observation of one symbol at one instant, as a row of {@code market_data_cache}: last price, best
 * bid and ask when known, and traded volume when known.
 */
public record Quote(Symbol symbol, Instant timestamp, Price price, Option<Price> bid, Option<Price> ask,
        Option<Long> volume) {

    public Quote {
        if (symbol == null || timestamp == null || price == null || bid == null || ask == null || volume == null) {
            throw new IllegalArgumentException("a quote needs a symbol, a time and a price; bid, ask and volume as "
                    + "options");
        }
        if (bid.isDefined() && ask.isDefined() && bid.get().compareTo(ask.get()) > 0) {
            throw new IllegalArgumentException("quote for " + symbol + ": bid " + bid.get() + " is above ask "
                    + ask.get());
        }
        if (volume.exists(v -> v < 0)) {
            throw new IllegalArgumentException("quote for " + symbol + ": volume cannot be negative");
        }
    }

    public static Quote last(Symbol symbol, Instant at, Price price) {
        return new Quote(symbol, at, price, Option.none(), Option.none(), Option.none());
    }
}
