package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionRepository;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link PositionRepository} in a map, for use-case tests; it passes the same contract as PostgreSQL. */
public final class InMemoryPositionRepository implements PositionRepository {

    private final ConcurrentSkipListMap<Symbol, Position> positions = new ConcurrentSkipListMap<>();

    @Override
    public Option<Position> findBySymbol(Symbol symbol) {
        return Option.of(positions.get(symbol));
    }

    @Override
    public List<Position> findAll() {
        return List.ofAll(positions.values());
    }

    @Override
    public void save(Position position) {
        positions.put(position.symbol(), position);
    }

    @Override
    public synchronized void saveAll(List<Position> all) {
        all.forEach(this::save);
    }
}
