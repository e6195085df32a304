package dev.tradingcore.adapters.postgres.position;

import dev.tradingcore.adapters.postgres.audit.AuditMapper;
import dev.tradingcore.adapters.postgres.audit.AuditRow;
import dev.tradingcore.adapters.postgres.mybatis.Transactions;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.position.VersionedPosition;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * Reconciliation's corrections on PostgreSQL: one READ COMMITTED transaction that locks every corrected symbol's row
 * ({@code FOR NO KEY UPDATE}, in symbol order, so that two correctors cannot deadlock; a fill locks one position row
 * only), checks that each is still at the version the correction was computed from, then writes the positions and
 * the audit lines. A row that moved on rolls everything back.
 */
final class MyBatisPositionCorrections implements PositionCorrections {

    private final SqlSessionFactory sessions;

    MyBatisPositionCorrections(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Either<Rejection, List<VersionedPosition>> apply(List<Correction> corrections, List<AuditEvent> audit) {
        return Transactions.inTransaction(sessions, session -> write(session, corrections, audit));
    }

    private static Either<Rejection, List<VersionedPosition>> write(SqlSession session, List<Correction> corrections,
            List<AuditEvent> audit) {
        PositionMapper positions = session.getMapper(PositionMapper.class);
        for (Correction correction : corrections.sortBy(c -> c.position().symbol())) {
            PositionRow stored = positions.lockBySymbol(correction.position().symbol().value());
            long version = stored == null ? 0 : stored.version();
            if (version != correction.expectedVersion()) {
                session.rollback(true);
                return Either.left(Rejection.of(STALE, "position " + correction.position().symbol()
                        + " is at version " + version + ", the correction was computed from version "
                        + correction.expectedVersion()));
            }
        }
        List<VersionedPosition> saved = corrections.map(c -> new VersionedPosition(c.position(),
                positions.upsert(PositionRow.of(c.position()))));
        AuditMapper trail = session.getMapper(AuditMapper.class);
        audit.forEach(event -> trail.insert(AuditRow.of(event)));
        return Either.right(saved);
    }
}
