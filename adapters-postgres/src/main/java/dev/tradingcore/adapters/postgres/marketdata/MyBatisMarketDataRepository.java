package dev.tradingcore.adapters.postgres.marketdata;

import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.marketdata.MarketDataRepository;
import dev.tradingcore.domain.marketdata.Quote;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.TransactionIsolationLevel;

/** {@link MarketDataRepository} on the daily-partitioned {@code market_data_cache}. */
final class MyBatisMarketDataRepository implements MarketDataRepository {

    /** Rows per statement of a batch upsert: 6 parameters each, far below the protocol's 65535. */
    static final int ROWS_PER_STATEMENT = 1000;

    private final SqlSessionFactory sessions;

    MyBatisMarketDataRepository(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public void upsert(Quote quote) {
        QuoteRow row = QuoteRow.of(quote);
        run(mapper -> mapper.upsert(row));
    }

    /**
     * One transaction, {@value #ROWS_PER_STATEMENT} rows per statement. Two quotes of the same symbol and instant in
     * one call: the later one wins, as if upserted one after the other.
     */
    @Override
    public void upsertAll(List<Quote> quotes) {
        Map<String, QuoteRow> latestPerKey = new LinkedHashMap<>();
        for (Quote quote : quotes) {
            latestPerKey.put(quote.symbol().value() + '\u0000' + quote.timestamp(), QuoteRow.of(quote));
        }
        if (latestPerKey.isEmpty()) {
            return;
        }
        java.util.List<QuoteRow> rows = new ArrayList<>(latestPerKey.values());
        try (SqlSession session = sessions.openSession(TransactionIsolationLevel.READ_COMMITTED)) {
            MarketDataMapper mapper = session.getMapper(MarketDataMapper.class);
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                mapper.upsertAll(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
            }
            session.commit();
        }
    }

    @Override
    public Option<Quote> latest(Symbol symbol) {
        return Option.of(run(mapper -> mapper.latest(symbol.value()))).map(QuoteRow::toQuote);
    }

    @Override
    public List<Quote> range(Symbol symbol, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.empty();
        }
        return List.ofAll(this.<java.util.List<QuoteRow>>run(mapper -> mapper.range(symbol.value(), from, to))).map(QuoteRow::toQuote);
    }

    @Override
    public List<Quote> recent(Symbol symbol, int count) {
        if (count <= 0) {
            return List.empty();
        }
        return List.ofAll(this.<java.util.List<QuoteRow>>run(mapper -> mapper.recent(symbol.value(), count)))
                .map(QuoteRow::toQuote).reverse();
    }

    private <T> T run(Function<MarketDataMapper, T> statement) {
        try (SqlSession session = sessions.openSession(true)) {
            return statement.apply(session.getMapper(MarketDataMapper.class));
        }
    }
}
