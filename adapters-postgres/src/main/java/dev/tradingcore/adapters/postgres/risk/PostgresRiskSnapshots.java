package dev.tradingcore.adapters.postgres.risk;

import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import org.apache.ibatis.session.SqlSessionFactory;

/** Entry point of this package for {@link dev.tradingcore.adapters.postgres.PostgresPersistence}. */
public final class PostgresRiskSnapshots {

    private PostgresRiskSnapshots() {}

    public static RiskSnapshotRepository repository(SqlSessionFactory sessions) {
        return new MyBatisRiskSnapshotRepository(sessions);
    }
}
