package dev.tradingcore.adapters.postgres.position;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL of the {@code positions} table; statements in PositionMapper.xml beside this interface. */
public interface PositionMapper {

    PositionRow findBySymbol(@Param("symbol") String symbol);

    /** The row locked for update until the transaction ends: the fill path reads its position this way. */
    PositionRow lockBySymbol(@Param("symbol") String symbol);

    /** The row with its ledger columns, locked for update until the transaction ends: the fill path's read. */
    LockedPositionRow lockBooked(@Param("symbol") String symbol);

    /** The fill path's write to the row it locked: the position, its ledger, the version + 1 (returned). */
    long saveBooked(BookedPosition booked);

    /** Replaces the ledger columns of a symbol's row (reconciliation's new basis). */
    int updateLedger(LedgerRow ledger);

    /** A flat row at version 0 for a symbol that has none, so that it can be locked; 0 if it exists. */
    int insertFlatIfAbsent(@Param("symbol") String symbol, @Param("at") java.time.Instant at);

    List<PositionRow> findAll();

    /** Inserts or replaces the row of the symbol and returns its new version. */
    long upsert(PositionRow row);

    /** The valuation columns of a row still at {@code version}; 1 if updated, 0 if the row moved on. */
    int updateMark(@Param("symbol") String symbol, @Param("version") long version,
            @Param("markPrice") java.math.BigDecimal markPrice, @Param("marketValue") java.math.BigDecimal marketValue,
            @Param("unrealizedPnl") java.math.BigDecimal unrealizedPnl);
}
