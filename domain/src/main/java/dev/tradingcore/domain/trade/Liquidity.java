package dev.tradingcore.domain.trade;

import io.vavr.control.Option;

/** Whether an execution added liquidity to the book (maker) or took it (taker); fees often differ. */
public enum Liquidity {
    MAKER("maker"),
    TAKER("taker");

    private final String code;

    Liquidity(String code) {
        this.code = code;
    }

    /** The value stored in {@code trades.liquidity}. */
    public String code() {
        return code;
    }

    public static Option<Liquidity> fromCode(String code) {
        for (Liquidity liquidity : values()) {
            if (liquidity.code.equals(code)) {
                return Option.some(liquidity);
            }
        }
        return Option.none();
    }
}
