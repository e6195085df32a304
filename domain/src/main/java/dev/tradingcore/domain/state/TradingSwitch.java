package dev.tradingcore.domain.state;

import java.time.Instant;

/**
 * The master switch: when off, no new order is sent. It records who or what turned it, why, and when, because
 * the first question after a halt is always why.
 */
public record TradingSwitch(boolean enabled, String reason, Instant changedAt) {

    public TradingSwitch {
        if (reason == null || reason.isBlank() || changedAt == null) {
            throw new IllegalArgumentException("turning trading on or off needs a reason and a time");
        }
    }

    public static TradingSwitch on(String reason, Instant at) {
        return new TradingSwitch(true, reason, at);
    }

    public static TradingSwitch off(String reason, Instant at) {
        return new TradingSwitch(false, reason, at);
    }
}
