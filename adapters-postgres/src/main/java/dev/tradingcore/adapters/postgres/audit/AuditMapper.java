package dev.tradingcore.adapters.postgres.audit;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * SQL of the {@code audit_log} table: INSERT and SELECT only (the application may neither update nor delete audit
 * rows). Statements in AuditMapper.xml beside this interface.
 */
public interface AuditMapper {

    int insert(AuditRow row);

    /** The events of one order, oldest first, through the generated column {@code order_id} and its index. */
    List<AuditRow> findByOrderId(@Param("orderId") String orderId);
}
