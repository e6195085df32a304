package dev.tradingcore.adapters.broker.simulated;

import java.math.BigDecimal;

/**
 * The simulated account at current prices.
 *
 * @param buyingPower cash less twice the short market value (a short needs its full value as collateral, on top of
 *     the proceeds it brought in) less what open orders reserve
 * @param shortMarketValue negative or zero, as Alpaca reports it
 * @param equity cash plus long market value plus (negative) short market value
 */
public record SimAccount(BigDecimal cash, BigDecimal buyingPower, BigDecimal longMarketValue,
        BigDecimal shortMarketValue, BigDecimal equity) {
}
