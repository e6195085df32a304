package dev.tradingcore.adapters.broker.alpaca;

import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.order.OrderStatus;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;

/**
 * Alpaca's order statuses mapped to ours: the table of docs/design-notes.md, "Brokers". A status whose meaning
 * depends on the fills ({@link Rule#OPEN}: the order still works) maps by the filled quantity; a status with no sound
 * meaning here, or one the spec does not document, maps to {@link OrderStatus#UNKNOWN}, and the raw text is kept by
 * the caller.
 */
public final class AlpacaStatuses {

    /** How a status maps. */
    public enum Rule {
        /** Working at the broker: submitted, or partially filled when something filled. */
        OPEN,
        /** Always the same status of ours. */
        FIXED,
        /** Filled when the whole quantity is filled, else unknown. */
        FILLED_IF_COMPLETE,
        /** No sound mapping: unknown. */
        UNKNOWN
    }

    /** The rule for each status the spec's OrderStatus enum lists, plus {@code held} (bracket legs). */
    public static final Map<String, Rule> RULES = LinkedHashMap.of(
            "new", Rule.OPEN,
            "partially_filled", Rule.OPEN,
            "filled", Rule.FIXED,
            "done_for_day", Rule.OPEN,
            "canceled", Rule.FIXED,
            "expired", Rule.FIXED,
            "replaced", Rule.UNKNOWN,
            "pending_cancel", Rule.OPEN,
            "pending_replace", Rule.OPEN)
            .put("accepted", Rule.OPEN)
            .put("pending_new", Rule.OPEN)
            .put("accepted_for_bidding", Rule.OPEN)
            .put("stopped", Rule.OPEN)
            .put("rejected", Rule.FIXED)
            .put("suspended", Rule.UNKNOWN)
            .put("calculated", Rule.FILLED_IF_COMPLETE)
            .put("held", Rule.UNKNOWN);

    private static final Map<String, OrderStatus> FIXED = LinkedHashMap.of(
            "filled", OrderStatus.FILLED,
            "canceled", OrderStatus.CANCELLED,
            "expired", OrderStatus.EXPIRED,
            "rejected", OrderStatus.REJECTED);

    private AlpacaStatuses() {
    }

    /** Our status for the broker's {@code raw} status of an order of {@code quantity} with {@code filled} done. */
    public static OrderStatus map(String raw, Quantity quantity, Quantity filled) {
        Rule rule = RULES.get(raw).getOrElse(Rule.UNKNOWN);
        return switch (rule) {
            case OPEN -> filled.isZero() ? OrderStatus.SUBMITTED : OrderStatus.PARTIAL_FILL;
            case FIXED -> FIXED.get(raw).getOrElse(OrderStatus.UNKNOWN);
            case FILLED_IF_COMPLETE -> quantity.isPositive() && filled.compareTo(quantity) >= 0 ? OrderStatus.FILLED
                    : OrderStatus.UNKNOWN;
            case UNKNOWN -> OrderStatus.UNKNOWN;
        };
    }
}
