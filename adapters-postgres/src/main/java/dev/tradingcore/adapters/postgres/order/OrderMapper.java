package dev.tradingcore.adapters.postgres.order;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * SQL of the {@code orders} table; statements in OrderMapper.xml beside this interface. The statements of order
 * submission (open orders of a symbol, placing, changing) are plain JDBC in {@link OrderSql}. Lists are oldest first
 * ({@code submitted_at}, then {@code order_id} between orders placed at the same instant).
 */
public interface OrderMapper {

    OrderRow findById(@Param("orderId") String orderId);

    /** The row locked for update until the transaction ends: the fill path reads its order this way. */
    OrderRow lockById(@Param("orderId") String orderId);

    OrderRow findByClientOrderId(@Param("clientOrderId") String clientOrderId);

    OrderRow findByBrokerOrderId(@Param("brokerOrderId") String brokerOrderId);

    /** Orders in any of the statuses (codes); the collection must not be empty. */
    List<OrderRow> findByStatuses(@Param("statuses") Collection<String> statuses);

    /** Inserts the order or replaces every column of the stored one with the same order id; 1. */
    int upsert(OrderRow row);

    /**
     * Replaces every column but the order id of an existing order: 1, or 0 when no order has this id. The fill path
     * calls it on a row it locked with {@link #lockById}.
     */
    int update(OrderRow row);
}
