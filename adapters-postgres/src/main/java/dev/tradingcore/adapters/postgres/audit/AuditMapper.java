package dev.tradingcore.adapters.postgres.audit;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * SQL of the {@code audit_log} table: INSERT and SELECT only (the application may neither update nor delete audit
 * rows). Statements in AuditMapper.xml beside this interface.
 */
public interface AuditMapper {

    int insert(AuditRow row);

    /** Inserts the rows, in order, with one multi-row statement; keep it to a few hundred rows (7 parameters each). */
    int insertAll(@Param("rows") List<AuditRow> rows);

    /** The events of one order, oldest first, through the generated column {@code order_id} and its index. */
    List<AuditRow> findByOrderId(@Param("orderId") String orderId);
}
