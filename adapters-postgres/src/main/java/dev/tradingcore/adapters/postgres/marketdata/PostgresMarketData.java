package dev.tradingcore.adapters.postgres.marketdata;

import dev.tradingcore.domain.marketdata.MarketDataRepository;
import org.apache.ibatis.session.SqlSessionFactory;

/** Entry point of this package for {@link dev.tradingcore.adapters.postgres.PostgresPersistence}. */
public final class PostgresMarketData {

    private PostgresMarketData() {}

    public static MarketDataRepository repository(SqlSessionFactory sessions) {
        return new MyBatisMarketDataRepository(sessions);
    }
}
