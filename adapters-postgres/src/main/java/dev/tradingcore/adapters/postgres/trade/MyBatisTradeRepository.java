package dev.tradingcore.adapters.postgres.trade;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import dev.tradingcore.domain.trade.TradeRepository;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/** {@link TradeRepository} on the partitioned {@code trades} table: reads only. */
final class MyBatisTradeRepository implements TradeRepository {

    private final SqlSessionFactory sessions;

    MyBatisTradeRepository(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Option<Trade> findById(TradeId tradeId) {
        return Option.of(run(mapper -> mapper.findById(tradeId.value()))).map(TradeRow::toTrade);
    }

    @Override
    public List<Trade> findByOrderId(OrderId orderId) {
        return TradeRow.toTrades(run(mapper -> mapper.findByOrderId(orderId.value())));
    }

    @Override
    public List<Trade> findBySymbol(Symbol symbol, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.empty();
        }
        return TradeRow.toTrades(run(mapper -> mapper.findBySymbol(symbol.value(), from, to)));
    }

    private <T> T run(Function<TradeMapper, T> statement) {
        try (SqlSession session = sessions.openSession(true)) {
            return statement.apply(session.getMapper(TradeMapper.class));
        }
    }
}
