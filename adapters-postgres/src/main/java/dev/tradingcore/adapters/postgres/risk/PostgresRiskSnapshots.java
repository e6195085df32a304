package dev.tradingcore.adapters.postgres.risk;

import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import org.apache.ibatis.session.SqlSessionFactory;

/** Entry point of this package for {@link dev.tradingcore.adapters.postgres.PostgresPersistence}. */
public final class PostgresRiskSnapshots {

    private PostgresRiskSnapshots() {}

    /** Positions and snapshot history in one REPEATABLE READ transaction. */
    public static dev.tradingcore.domain.risk.RiskInputs inputs(SqlSessionFactory sessions) {
        return new RepeatableReadRiskInputs(sessions);
    }

    public static RiskSnapshotRepository repository(SqlSessionFactory sessions) {
        return new MyBatisRiskSnapshotRepository(sessions);
    }
}
