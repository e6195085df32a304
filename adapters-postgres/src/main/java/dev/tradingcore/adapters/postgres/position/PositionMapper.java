package dev.tradingcore.adapters.postgres.position;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL of the {@code positions} table; statements in PositionMapper.xml beside this interface. */
public interface PositionMapper {

    PositionRow findBySymbol(@Param("symbol") String symbol);

    /** The row locked for update until the transaction ends: the fill path reads its position this way. */
    PositionRow lockBySymbol(@Param("symbol") String symbol);

    List<PositionRow> findAll();

    /** Inserts or replaces the row of the symbol and returns its new version. */
    long upsert(PositionRow row);
}
