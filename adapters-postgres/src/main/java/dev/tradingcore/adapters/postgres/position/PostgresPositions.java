package dev.tradingcore.adapters.postgres.position;

import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import org.apache.ibatis.session.SqlSessionFactory;

/** Entry point of this package for {@link dev.tradingcore.adapters.postgres.PostgresPersistence}. */
public final class PostgresPositions {

    private PostgresPositions() {}

    public static PositionRepository repository(SqlSessionFactory sessions) {
        return new MyBatisPositionRepository(sessions);
    }

    /** Reconciliation's corrections with their audit lines, checked against the versions they were computed from. */
    public static PositionCorrections corrections(SqlSessionFactory sessions) {
        return new MyBatisPositionCorrections(sessions);
    }
}
