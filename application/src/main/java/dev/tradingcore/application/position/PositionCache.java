package dev.tradingcore.application.position;

import dev.tradingcore.domain.common.Symbol;
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
 */
public final class PositionCache {

    private final ConcurrentHashMap<Symbol, VersionedPosition> bySymbol = new ConcurrentHashMap<>();

    /** Loads every stored position; called once at start-up, before any fill is applied. */
    public void loadFrom(PositionRepository positions) {
        positions.findAllVersioned().forEach(this::accept);
    }

    /** Offers a committed state; it is kept only if newer than what is cached for the symbol. */
    public void accept(VersionedPosition committed) {
        bySymbol.merge(committed.position().symbol(), committed,
                (cached, offered) -> offered.isNewerThan(cached) ? offered : cached);
    }

    /** The position of a symbol; none if the core never held it. */
    public Option<Position> get(Symbol symbol) {
        return Option.of(bySymbol.get(symbol)).map(VersionedPosition::position);
    }

    /** The cached version of a symbol's position (0 if none), for diagnostics and tests. */
    public long versionOf(Symbol symbol) {
        VersionedPosition cached = bySymbol.get(symbol);
        return cached == null ? 0 : cached.version();
    }

    /** Every position, flat ones included, by symbol. */
    public List<Position> all() {
        return List.ofAll(bySymbol.values()).map(VersionedPosition::position).sortBy(Position::symbol);
    }

    /** The positions that hold something. */
    public List<Position> open() {
        return all().filter(p -> !p.isFlat());
    }
}
