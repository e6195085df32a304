package dev.tradingcore.domain.marketdata;

import dev.tradingcore.domain.common.Symbol;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;

/** The market data cache, keyed by symbol and timestamp. */
public interface MarketDataRepository {

    /** Inserts the quote, or replaces the one with the same symbol and timestamp. */
    void upsert(Quote quote);

    /** Upserts all of them in one batch. */
    void upsertAll(List<Quote> quotes);

    /** The most recent quote of the symbol. */
    Option<Quote> latest(Symbol symbol);

    /** The quotes of the symbol in {@code [from, to)}, oldest first. */
    List<Quote> range(Symbol symbol, Instant from, Instant to);

    /** The {@code count} most recent quotes of the symbol, oldest first. */
    List<Quote> recent(Symbol symbol, int count);
}
