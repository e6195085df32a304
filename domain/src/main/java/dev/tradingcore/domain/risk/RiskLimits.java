package dev.tradingcore.domain.risk;

import dev.tradingcore.domain.common.Money;

/**
 * The limits every new order is checked against before it is accepted (system state key {@code risk_limits}).
 *
 * @param maxPositionSize the largest absolute market value one symbol may reach, in account currency (the
 *     design's {@code max_position_size}; a notional, not a share count, so that it means the same for a $5 and
 *     a $500 stock)
 * @param maxDailyLoss the loss for the day (realized and unrealized, net of commissions) at which trading stops
 */
public record RiskLimits(Money maxPositionSize, Money maxDailyLoss) {

    public RiskLimits {
        if (maxPositionSize == null || maxPositionSize.signum() <= 0) {
            throw new IllegalArgumentException("the maximum position size must be a positive amount");
        }
        if (maxDailyLoss == null || maxDailyLoss.signum() <= 0) {
            throw new IllegalArgumentException("the maximum daily loss must be a positive amount, e.g. 5000.00");
        }
    }
}
