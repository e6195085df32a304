package dev.tradingcore.adapters.postgres.risk;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL of the {@code risk_snapshots} table (append only); statements in RiskSnapshotMapper.xml beside it. */
public interface RiskSnapshotMapper {

    /** 1 when stored, 0 when a snapshot with the same timestamp exists (it is kept as it was). */
    int insert(RiskSnapshotRow row);

    RiskSnapshotRow latest();

    List<RiskSnapshotRow> between(@Param("from") Instant from, @Param("to") Instant to);
}
