package dev.tradingcore.adapters.postgres.marketdata;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL of the {@code market_data_cache} table; statements in MarketDataMapper.xml beside this interface. */
public interface MarketDataMapper {

    int upsert(QuoteRow row);

    /**
     * Upserts the rows with one multi-row statement. No two rows may share (symbol, timestamp): PostgreSQL refuses
     * to update one row twice in a statement.
     */
    int upsertAll(@Param("rows") List<QuoteRow> rows);

    /** The newest row of the symbol: the primary key (symbol, timestamp) read backwards. */
    QuoteRow latest(@Param("symbol") String symbol);

    List<QuoteRow> range(@Param("symbol") String symbol, @Param("from") Instant from, @Param("to") Instant to);

    /** The newest {@code count} rows of the symbol, newest first. */
    java.util.List<QuoteRow> recent(@Param("symbol") String symbol, @Param("count") int count);
}
