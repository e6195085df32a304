package dev.tradingcore.domain.order;

import io.vavr.control.Option;

/** How long an order stays working at the broker, named as the broker names it. */
public enum TimeInForce {
    /** Good for the regular session of the day it is live; cancelled by the broker after the close. */
    DAY("day"),
    /** Good until cancelled. */
    GTC("gtc"),
    /** Immediate or cancel: whatever fills at once fills, the rest is cancelled. */
    IOC("ioc"),
    /** Fill or kill: the whole quantity fills at once or nothing does. */
    FOK("fok"),
    /** On the open: only in the opening auction (market-on-open or limit-on-open). */
    OPG("opg"),
    /** On the close: only in the closing auction (market-on-close or limit-on-close). */
    CLS("cls");

    private final String code;

    TimeInForce(String code) {
        this.code = code;
    }

    /** The value stored in {@code orders.time_in_force} and sent to the broker. */
    public String code() {
        return code;
    }

    /** Auction orders (opg, cls) exist only as market or limit orders. */
    public boolean allows(OrderType type) {
        return switch (this) {
            case OPG, CLS -> type == OrderType.MARKET || type == OrderType.LIMIT;
            default -> true;
        };
    }

    public static Option<TimeInForce> fromCode(String code) {
        for (TimeInForce tif : values()) {
            if (tif.code.equals(code)) {
                return Option.some(tif);
            }
        }
        return Option.none();
    }
}
