package dev.tradingcore.application.position;

import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.marketdata.Quote;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.position.VersionedPosition;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write-through position cache: every position the core holds, in memory, for the reads that happen on every
 * order decision. Reads never touch the database.
 *
 * <p>It is written only with states that the database has already committed, each carrying the database's version
 * of the symbol's row. The design's cache inserted whatever arrived last: two fills of one symbol committing as 1
 * then 2 could reach the cache as 2 then 1 and leave the older position cached. Here a state replaces the cached one
 * only if its version is higher, so the cache ends at the newest committed state whatever the interleaving.
 *
 * <p>Prices are kept beside the committed states, never in them: every read returns the position marked at the
 * symbol's latest price (market value and unrealized P&amp;L at that price), so a fill committing with an older mark
 * cannot take the mark back, and a price never needs the database.
 */
public final class PositionCache {

    private final ConcurrentHashMap<Symbol, VersionedPosition> bySymbol = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Symbol, Quote> marks = new ConcurrentHashMap<>();

    /** Loads every stored position; called once at start-up, before any fill is applied. */
    public void loadFrom(PositionRepository positions) {
        positions.findAllVersioned().forEach(this::accept);
    }

    /** Offers a committed state; it is kept only if newer than what is cached for the symbol. */
    public void accept(VersionedPosition committed) {
        bySymbol.merge(committed.position().symbol(), committed,
                (cached, offered) -> offered.isNewerThan(cached) ? offered : cached);
    }

    /** A price of the symbol: kept as its mark unless an observation later than it is already kept. */
    public void mark(Quote quote) {
        marks.merge(quote.symbol(), quote, (kept, offered) -> offered.timestamp().isBefore(kept.timestamp())
                ? kept : offered);
    }

    /** The latest price of the symbol the cache was given, with its time; none before the first. */
    public Option<Quote> markOf(Symbol symbol) {
        return Option.of(marks.get(symbol));
    }

    /** The position of a symbol, marked at its latest price; none if the core never held it. */
    public Option<Position> get(Symbol symbol) {
        return Option.of(bySymbol.get(symbol)).map(this::marked).map(VersionedPosition::position);
    }

    /** Every position with its committed version, each marked at its latest price: what the mark writer stores. */
    public List<VersionedPosition> allVersioned() {
        return List.ofAll(bySymbol.values()).map(this::marked).sortBy(v -> v.position().symbol());
    }

    private VersionedPosition marked(VersionedPosition committed) {
        Quote mark = marks.get(committed.position().symbol());
        if (mark == null || committed.position().isFlat()) {
            return committed;
        }
        return new VersionedPosition(committed.position().markedAt(mark.price(), committed.position().lastUpdated()),
                committed.version());
    }

    /** The cached version of a symbol's position (0 if none), for diagnostics and tests. */
    public long versionOf(Symbol symbol) {
        VersionedPosition cached = bySymbol.get(symbol);
        return cached == null ? 0 : cached.version();
    }

    /** Every position, flat ones included, by symbol. */
    public List<Position> all() {
        return allVersioned().map(VersionedPosition::position);
    }

    /** The positions that hold something. */
    public List<Position> open() {
        return all().filter(p -> !p.isFlat());
    }
}
