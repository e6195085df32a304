package dev.tradingcore.domain.order;

import io.vavr.control.Option;

/**
 * How an order is priced. A market order takes whatever price is available; a limit order trades at its limit
 * or better; a stop order becomes a market order once the stop price trades; a stop-limit order becomes a limit
 * order once the stop price trades. The broker's trailing stop is not supported: the orders table cannot store
 * its trail.
 */
public enum OrderType {
    MARKET("market", false, false),
    LIMIT("limit", true, false),
    STOP("stop", false, true),
    STOP_LIMIT("stop_limit", true, true);

    private final String code;
    private final boolean needsLimitPrice;
    private final boolean needsStopPrice;

    OrderType(String code, boolean needsLimitPrice, boolean needsStopPrice) {
        this.code = code;
        this.needsLimitPrice = needsLimitPrice;
        this.needsStopPrice = needsStopPrice;
    }

    /** The value stored in {@code orders.order_type} and sent to the broker. */
    public String code() {
        return code;
    }

    public boolean needsLimitPrice() {
        return needsLimitPrice;
    }

    public boolean needsStopPrice() {
        return needsStopPrice;
    }

    public static Option<OrderType> fromCode(String code) {
        for (OrderType type : values()) {
            if (type.code.equals(code)) {
                return Option.some(type);
            }
        }
        return Option.none();
    }
}
