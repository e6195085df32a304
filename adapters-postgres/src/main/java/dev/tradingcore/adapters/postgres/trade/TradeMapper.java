package dev.tradingcore.adapters.postgres.trade;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL of the {@code trades} table; statements in TradeMapper.xml beside this interface. */
public interface TradeMapper {

    /** Through the {@code trade_ids} registry, which knows the row's partition key: one partition is read. */
    TradeRow findById(@Param("tradeId") String tradeId);

    /** The trades of one order in execution order ({@code idx_trades_order_id}). */
    List<TradeRow> findByOrderId(@Param("orderId") String orderId);

    /** The trades of a symbol executed in {@code [from, to)}, in execution order; only those partitions are read. */
    List<TradeRow> findBySymbol(@Param("symbol") String symbol, @Param("from") Instant from, @Param("to") Instant to);

    /** The trades of a symbol executed at or after {@code from} (all of them when null), in no particular order. */
    List<TradeRow> ofSymbolSince(@Param("symbol") String symbol, @Param("from") Instant from);

    /**
     * Inserts the trade. Returns 1 when it was stored, 0 when the {@code trades_register_trade_id} trigger skipped
     * it as a replay of a recorded trade with the same economic content. A replay with other content fails with
     * SQLSTATE {@code 23T01} (see docs/design-notes.md, "Schema").
     */
    int insert(TradeRow row);
}
