package dev.tradingcore.adapters.postgres.trade;

import dev.tradingcore.domain.trade.TradeRepository;
import org.apache.ibatis.session.SqlSessionFactory;

/** Entry point of this package for {@link dev.tradingcore.adapters.postgres.PostgresPersistence}. */
public final class PostgresTrades {

    private PostgresTrades() {}

    public static TradeRepository repository(SqlSessionFactory sessions) {
        return new MyBatisTradeRepository(sessions);
    }
}
