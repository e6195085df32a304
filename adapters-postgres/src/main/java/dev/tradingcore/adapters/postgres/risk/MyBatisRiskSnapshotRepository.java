package dev.tradingcore.adapters.postgres.risk;

import dev.tradingcore.domain.risk.RiskSnapshot;
import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/** {@link RiskSnapshotRepository} on {@code risk_snapshots}: INSERT and SELECT only, as the application's grants. */
final class MyBatisRiskSnapshotRepository implements RiskSnapshotRepository {

    private final SqlSessionFactory sessions;

    MyBatisRiskSnapshotRepository(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public void save(RiskSnapshot snapshot) {
        RiskSnapshotRow row = RiskSnapshotRow.of(snapshot);
        run(mapper -> mapper.insert(row));
    }

    @Override
    public Option<RiskSnapshot> latest() {
        return Option.of(run(RiskSnapshotMapper::latest)).map(RiskSnapshotRow::toSnapshot);
    }

    @Override
    public List<RiskSnapshot> between(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.empty();
        }
        return List.ofAll(this.<java.util.List<RiskSnapshotRow>>run(mapper -> mapper.between(from, to))).map(RiskSnapshotRow::toSnapshot);
    }

    private <T> T run(Function<RiskSnapshotMapper, T> statement) {
        try (SqlSession session = sessions.openSession(true)) {
            return statement.apply(session.getMapper(RiskSnapshotMapper.class));
        }
    }
}
