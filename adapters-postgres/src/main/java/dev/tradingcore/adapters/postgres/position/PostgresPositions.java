package dev.tradingcore.adapters.postgres.position;

import dev.tradingcore.domain.position.PositionRepository;
import org.apache.ibatis.session.SqlSessionFactory;

/** Entry point of this package for {@link dev.tradingcore.adapters.postgres.PostgresPersistence}. */
public final class PostgresPositions {

    private PostgresPositions() {}

    public static PositionRepository repository(SqlSessionFactory sessions) {
        return new MyBatisPositionRepository(sessions);
    }
}
