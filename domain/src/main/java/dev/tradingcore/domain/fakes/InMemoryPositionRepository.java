package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fill.SymbolLedger;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.position.VersionedPosition;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link PositionRepository} in a map, for use-case tests; it passes the same contract as PostgreSQL. */
public final class InMemoryPositionRepository implements PositionRepository {

    private final ConcurrentSkipListMap<Symbol, VersionedPosition> positions = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Symbol, SymbolLedger> ledgers = new ConcurrentSkipListMap<>();

    /** How far the booked history of a symbol goes (kept beside the position, as PostgreSQL keeps it in its row). */
    public SymbolLedger ledger(Symbol symbol, java.time.Instant at) {
        return ledgers.getOrDefault(symbol, SymbolLedger.empty(symbol, at));
    }

    public void saveLedger(Symbol symbol, SymbolLedger ledger) {
        ledgers.put(symbol, ledger);
    }

    @Override
    public Option<Position> findBySymbol(Symbol symbol) {
        return Option.of(positions.get(symbol)).map(VersionedPosition::position);
    }

    @Override
    public Option<VersionedPosition> findVersioned(Symbol symbol) {
        return Option.of(positions.get(symbol));
    }

    @Override
    public List<Position> findAll() {
        return findAllVersioned().map(VersionedPosition::position);
    }

    @Override
    public List<VersionedPosition> findAllVersioned() {
        return List.ofAll(positions.values());
    }

    @Override
    public VersionedPosition save(Position position) {
        return positions.compute(position.symbol(),
                (symbol, old) -> new VersionedPosition(position, old == null ? 1 : old.version() + 1));
    }

    @Override
    public synchronized List<VersionedPosition> saveAll(List<Position> all) {
        return all.map(this::save);
    }

    @Override
    public synchronized int saveMarks(List<VersionedPosition> marked) {
        int updated = 0;
        for (VersionedPosition offered : marked) {
            VersionedPosition stored = positions.get(offered.position().symbol());
            if (stored != null && stored.version() == offered.version() && offered.position().markPrice().isDefined()) {
                positions.put(stored.position().symbol(), new VersionedPosition(stored.position().markedAt(
                        offered.position().markPrice().get(), stored.position().lastUpdated()), stored.version()));
                updated++;
            }
        }
        return updated;
    }
}
