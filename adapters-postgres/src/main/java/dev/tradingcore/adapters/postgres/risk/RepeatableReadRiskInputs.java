package dev.tradingcore.adapters.postgres.risk;

import dev.tradingcore.adapters.postgres.position.PositionMapper;
import dev.tradingcore.adapters.postgres.position.PositionRow;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.risk.RiskInputs;
import dev.tradingcore.domain.risk.RiskSnapshot;
import io.vavr.collection.List;
import java.time.Instant;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.TransactionIsolationLevel;

/**
 * The inputs of a risk snapshot in one REPEATABLE READ transaction (the design's isolation for risk snapshots):
 * positions and history come from the same snapshot of the database, so a fill committing meanwhile is either wholly
 * in the figures or wholly out. It only reads, so it can never fail to serialize.
 */
final class RepeatableReadRiskInputs implements RiskInputs {

    /** The upper bound of the history read: after any snapshot this core will take. */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final SqlSessionFactory sessions;

    RepeatableReadRiskInputs(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Portfolio read(Instant historySince) {
        try (SqlSession session = sessions.openSession(TransactionIsolationLevel.REPEATABLE_READ)) {
            List<Position> positions =
                    List.ofAll(session.getMapper(PositionMapper.class).findAll()).map(PositionRow::toPosition);
            List<RiskSnapshot> history = List.ofAll(session.getMapper(RiskSnapshotMapper.class)
                    .between(historySince, END_OF_TIME)).map(RiskSnapshotRow::toSnapshot);
            session.commit(true);
            return new Portfolio(positions, history);
        }
    }
}
