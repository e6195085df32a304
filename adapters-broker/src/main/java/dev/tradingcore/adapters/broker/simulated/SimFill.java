package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.trade.Liquidity;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution at the simulated exchange.
 *
 * @param executionId a UUID from the seed and the fill counter: the trade id
 * @param activityId the Alpaca FILL activity id, {@code yyyyMMddHHmmssSSS::executionId}; also the page token
 * @param sequence the fill's place in the exchange's execution order (oldest first)
 * @param cumulativeQuantity the order's filled quantity after this fill
 * @param leavesQuantity what the order still had open after this fill
 * @param orderStatus the order's status right after this fill
 */
public record SimFill(String executionId, String activityId, long sequence, String orderId, String clientOrderId,
        Symbol symbol, Side side, BigDecimal quantity, BigDecimal price, BigDecimal commission, Liquidity liquidity,
        Instant executedAt, BigDecimal cumulativeQuantity, BigDecimal leavesQuantity, SimOrderStatus orderStatus) {

    public SimFill {
        if (executionId == null || activityId == null || orderId == null || clientOrderId == null || symbol == null
                || side == null || quantity == null || price == null || commission == null || liquidity == null
                || executedAt == null || cumulativeQuantity == null || leavesQuantity == null || orderStatus == null) {
            throw new IllegalArgumentException("a simulated fill needs every field");
        }
    }

    /** {@code fill} when it completed the order, else {@code partial_fill}, as in the FILL activity's type. */
    public String activityType() {
        return leavesQuantity.signum() == 0 ? "fill" : "partial_fill";
    }
}
