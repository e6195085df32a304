package dev.tradingcore.adapters.postgres.state;

import dev.tradingcore.domain.state.SystemStateRepository;
import java.time.Clock;
import org.apache.ibatis.session.SqlSessionFactory;

/** Entry point of this package for {@link dev.tradingcore.adapters.postgres.PostgresPersistence}. */
public final class PostgresSystemState {

    private PostgresSystemState() {}

    /** @param clock gives the {@code updated_at} of every row written */
    public static SystemStateRepository repository(SqlSessionFactory sessions, Clock clock) {
        return new MyBatisSystemStateRepository(sessions, clock);
    }

    /** @param clock gives the {@code updated_at} of every row written */
    public static dev.tradingcore.domain.state.LedgerIdentity ledgerIdentity(SqlSessionFactory sessions, Clock clock) {
        return new MyBatisLedgerIdentity(sessions, clock);
    }
}
