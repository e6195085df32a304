package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.marketdata.MarketDataRepository;
import dev.tradingcore.domain.marketdata.Quote;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A {@link MarketDataRepository} in sorted maps, for use-case tests; passes the PostgreSQL contract. Thread-safe. */
public final class InMemoryMarketDataRepository implements MarketDataRepository {

    private final Map<Symbol, NavigableMap<Instant, Quote>> quotes = new HashMap<>();

    @Override
    public synchronized void upsert(Quote quote) {
        quotes.computeIfAbsent(quote.symbol(), s -> new TreeMap<>()).put(quote.timestamp(), quote);
    }

    @Override
    public synchronized void upsertAll(List<Quote> all) {
        all.forEach(this::upsert);
    }

    @Override
    public synchronized Option<Quote> latest(Symbol symbol) {
        NavigableMap<Instant, Quote> ofSymbol = quotes.get(symbol);
        return ofSymbol == null || ofSymbol.isEmpty() ? Option.none() : Option.some(ofSymbol.lastEntry().getValue());
    }

    @Override
    public synchronized List<Quote> range(Symbol symbol, Instant from, Instant to) {
        NavigableMap<Instant, Quote> ofSymbol = quotes.get(symbol);
        if (ofSymbol == null || !from.isBefore(to)) {
            return List.empty();
        }
        return List.ofAll(ofSymbol.subMap(from, true, to, false).values());
    }

    @Override
    public synchronized List<Quote> recent(Symbol symbol, int count) {
        NavigableMap<Instant, Quote> ofSymbol = quotes.get(symbol);
        if (ofSymbol == null || count <= 0) {
            return List.empty();
        }
        return List.ofAll(ofSymbol.descendingMap().values()).take(count).reverse();
    }
}
