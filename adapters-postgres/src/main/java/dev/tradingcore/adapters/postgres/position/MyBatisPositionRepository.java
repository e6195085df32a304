package dev.tradingcore.adapters.postgres.position;

import dev.tradingcore.adapters.postgres.mybatis.Transactions;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.position.VersionedPosition;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/** {@link PositionRepository} on the {@code positions} table. */
final class MyBatisPositionRepository implements PositionRepository {

    private final SqlSessionFactory sessions;

    MyBatisPositionRepository(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Option<Position> findBySymbol(Symbol symbol) {
        try (SqlSession session = sessions.openSession(true)) {
            return Option.of(session.getMapper(PositionMapper.class).findBySymbol(symbol.value()))
                    .map(PositionRow::toPosition);
        }
    }

    @Override
    public Option<VersionedPosition> findVersioned(Symbol symbol) {
        try (SqlSession session = sessions.openSession(true)) {
            return Option.of(session.getMapper(PositionMapper.class).findBySymbol(symbol.value()))
                    .map(PositionRow::toVersioned);
        }
    }

    @Override
    public List<Position> findAll() {
        try (SqlSession session = sessions.openSession(true)) {
            return List.ofAll(session.getMapper(PositionMapper.class).findAll()).map(PositionRow::toPosition);
        }
    }

    @Override
    public List<VersionedPosition> findAllVersioned() {
        try (SqlSession session = sessions.openSession(true)) {
            return List.ofAll(session.getMapper(PositionMapper.class).findAll()).map(PositionRow::toVersioned);
        }
    }

    @Override
    public VersionedPosition save(Position position) {
        try (SqlSession session = sessions.openSession(true)) {
            return new VersionedPosition(position,
                    session.getMapper(PositionMapper.class).upsert(PositionRow.of(position)));
        }
    }

    /**
     * One transaction for all. It commits through {@link Transactions}, which forces the COMMIT: the upsert is a
     * {@code <select>} (it returns the version), which MyBatis does not count as a change, so a plain
     * {@code session.commit()} would send no COMMIT at all and leave the transaction to the autocommit reset at close,
     * whose failure MyBatis swallows: the versions returned would then be of rows that do not exist.
     */
    @Override
    public List<VersionedPosition> saveAll(List<Position> positions) {
        return Transactions.inTransaction(sessions, session -> {
            PositionMapper mapper = session.getMapper(PositionMapper.class);
            return positions.map(p -> new VersionedPosition(p, mapper.upsert(PositionRow.of(p))));
        });
    }

    /** One transaction, one statement per position (a handful of held symbols, at an interval, never per tick). */
    @Override
    public int saveMarks(List<VersionedPosition> marked) {
        List<VersionedPosition> open = marked.filter(v -> !v.position().isFlat() && v.position().markPrice().isDefined());
        if (open.isEmpty()) {
            return 0;
        }
        return Transactions.inTransaction(sessions, session -> {
            PositionMapper mapper = session.getMapper(PositionMapper.class);
            int updated = 0;
            for (VersionedPosition v : open) {
                dev.tradingcore.domain.position.PositionValuation valuation = v.position().valuation();
                updated += mapper.updateMark(v.position().symbol().value(), v.version(),
                        v.position().markPrice().get().value(), valuation.marketValue().amount(),
                        valuation.unrealizedPnl().amount());
            }
            return updated;
        });
    }
}
