package dev.tradingcore.domain.risk;

/**
 * The order storm guard's limits: how many orders, and how many refused orders, the core takes in one second, for
 * one symbol and for all together. Past any of them a submission is refused at once ({@code order_rate_limit})
 * without reaching the other checks, the database or the broker. A strategy that loops on refused orders (after a
 * database outage, say) or sends orders faster than it could mean to is stopped there.
 *
 * @param maxOrdersPerSecond orders let through to the checks and the broker in any one second, all symbols
 * @param maxOrdersPerSecondPerSymbol the same for one symbol
 * @param maxRefusalsPerSecond refused orders (any reason) in any one second, all symbols, past which every new
 *     order is refused at the door until the rate falls
 * @param maxRefusalsPerSecondPerSymbol the same for one symbol
 */
public record OrderRateLimits(int maxOrdersPerSecond, int maxOrdersPerSecondPerSymbol, int maxRefusalsPerSecond,
        int maxRefusalsPerSecondPerSymbol) {

    public OrderRateLimits {
        if (maxOrdersPerSecond < 1 || maxOrdersPerSecondPerSymbol < 1 || maxRefusalsPerSecond < 1
                || maxRefusalsPerSecondPerSymbol < 1) {
            throw new IllegalArgumentException("order rate limits must be at least 1 per second, got orders "
                    + maxOrdersPerSecond + " (per symbol " + maxOrdersPerSecondPerSymbol + "), refusals "
                    + maxRefusalsPerSecond + " (per symbol " + maxRefusalsPerSecondPerSymbol + ")");
        }
        if (maxOrdersPerSecondPerSymbol > maxOrdersPerSecond || maxRefusalsPerSecondPerSymbol > maxRefusalsPerSecond) {
            throw new IllegalArgumentException("a per-symbol order rate limit cannot be above the overall one, got"
                    + " orders " + maxOrdersPerSecondPerSymbol + " > " + maxOrdersPerSecond + " or refusals "
                    + maxRefusalsPerSecondPerSymbol + " > " + maxRefusalsPerSecond);
        }
    }

    /**
     * The defaults: 500 orders a second (100 per symbol), 100 refusals a second (50 per symbol). Far above what the
     * sample strategy of {@code run} sends (about 200 a second at most, a fifth of them refused by the position limit)
     * and below the 500 refusals a second of the storms seen after database outages.
     */
    public static OrderRateLimits defaults() {
        return new OrderRateLimits(500, 100, 100, 50);
    }

    /** No limit that any process reaches: for the simulator and benchmarks, which measure the rest. */
    public static OrderRateLimits unlimited() {
        return new OrderRateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }
}
