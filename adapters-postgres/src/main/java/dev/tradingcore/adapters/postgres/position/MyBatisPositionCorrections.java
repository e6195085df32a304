package dev.tradingcore.adapters.postgres.position;

import dev.tradingcore.adapters.postgres.audit.AuditMapper;
import dev.tradingcore.adapters.postgres.audit.AuditRow;
import dev.tradingcore.adapters.postgres.mybatis.Transactions;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.fill.SymbolLedger;
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
 * the audit lines, and makes each corrected position the basis that replays of late fills start from. A row that
 * moved on rolls everything back.
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
        java.util.Map<String, LockedPositionRow> locked = new java.util.HashMap<>();
        for (Correction correction : corrections.sortBy(c -> c.position().symbol())) {
            LockedPositionRow stored = positions.lockBooked(correction.position().symbol().value());
            long version = stored == null ? 0 : stored.version();
            locked.put(correction.position().symbol().value(), stored);
            if (version != correction.expectedVersion()) {
                session.rollback(true);
                return Either.left(Rejection.of(STALE, "position " + correction.position().symbol()
                        + " is at version " + version + ", the correction was computed from version "
                        + correction.expectedVersion()));
            }
        }
        List<VersionedPosition> saved = corrections.map(c -> new VersionedPosition(c.position(),
                positions.upsert(PositionRow.of(c.position()))));
        // Replays of fills that arrive out of order start from the corrected position from now on.
        for (Correction correction : corrections) {
            LockedPositionRow stored = locked.get(correction.position().symbol().value());
            SymbolLedger ledger = stored == null
                    ? SymbolLedger.empty(correction.position().symbol(), correction.position().lastUpdated())
                    : stored.ledger().toLedger(correction.position().lastUpdated());
            positions.updateLedger(LedgerRow.of(correction.position().symbol(),
                    ledger.rebased(correction.position())));
        }
        AuditMapper trail = session.getMapper(AuditMapper.class);
        audit.forEach(event -> trail.insert(AuditRow.of(event)));
        return Either.right(saved);
    }
}
