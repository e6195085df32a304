package dev.tradingcore.adapters.postgres.marketdata;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.marketdata.Quote;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;

/** One row of {@code market_data_cache}, column for column. */
public record QuoteRow(String symbol, Instant timestamp, BigDecimal price, BigDecimal bid, BigDecimal ask,
        Long volume) {

    static QuoteRow of(Quote quote) {
        return new QuoteRow(quote.symbol().value(), quote.timestamp(), quote.price().value(),
                quote.bid().map(Price::value).getOrNull(), quote.ask().map(Price::value).getOrNull(),
                quote.volume().getOrNull());
    }

    Quote toQuote() {
        return new Quote(Symbol.of(symbol), timestamp, Price.of(price), Option.of(bid).map(Price::of),
                Option.of(ask).map(Price::of), Option.of(volume));
    }
}
