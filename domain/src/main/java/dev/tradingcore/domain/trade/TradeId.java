package dev.tradingcore.domain.trade;

/**
 * The broker's id of one execution. It is the idempotency key of the whole fill path: a fill whose trade id is
 * already recorded is a duplicate delivery and must change nothing.
 */
public record TradeId(String value) {

    public TradeId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a trade id is required");
        }
        if (!value.equals(value.strip()) || value.length() > 50) {
            throw new IllegalArgumentException("trade id '" + value + "' must be at most 50 characters without "
                    + "surrounding spaces");
        }
    }

    public static TradeId of(String value) {
        return new TradeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
