package dev.tradingcore.domain.common;

import io.vavr.control.Option;

/** The direction of an order or a fill: buying adds to a position, selling subtracts from it. */
public enum Side {
    BUY("buy", 1),
    SELL("sell", -1);

    private final String code;
    private final int sign;

    Side(String code, int sign) {
        this.code = code;
        this.sign = sign;
    }

    /** The value stored in the {@code side} columns: {@code buy} or {@code sell}. */
    public String code() {
        return code;
    }

    /** +1 for a buy, -1 for a sell: the sign a fill of this side gives to a position's quantity. */
    public int sign() {
        return sign;
    }

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    public static Option<Side> fromCode(String code) {
        for (Side side : values()) {
            if (side.code.equals(code)) {
                return Option.some(side);
            }
        }
        return Option.none();
    }
}
