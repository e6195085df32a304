package dev.tradingcore.domain.risk;

import dev.tradingcore.domain.common.Money;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The portfolio's risk at one instant, as a row of {@code risk_snapshots}.
 *
 * @param portfolioValue cash plus the signed market value of every position
 * @param totalExposure gross exposure: the sum of absolute market values
 * @param netExposure the sum of signed market values (stored in the metrics JSON)
 * @param var95 one-period historical value at risk at 95 %, a positive loss amount; none without returns
 * @param var99 the same at 99 %
 * @param maxDrawdown the largest fall from a peak of the equity series, as a fraction of that peak
 *     (0.2500 = 25 %), 4 places; none without an equity series
 * @param largestPositionPct the largest absolute market value as a percent of portfolio value, 4 places;
 *     none when the portfolio value is not positive
 * @param sectorConcentration per sector, its gross exposure as a percent of portfolio value, 4 places
 * @param varMethod how VaR was obtained: historical, parametric (a short history), none (stored in the metrics JSON)
 */
public record RiskSnapshot(
        Instant timestamp,
        Money portfolioValue,
        Money cashBalance,
        Money totalExposure,
        Money netExposure,
        Option<Money> var95,
        Option<Money> var99,
        Option<BigDecimal> maxDrawdown,
        int positionCount,
        Option<BigDecimal> largestPositionPct,
        Map<String, BigDecimal> sectorConcentration,
        ValueAtRisk.Method varMethod) {

    /** A snapshot whose VaR, if any, is historical. */
    public RiskSnapshot(Instant timestamp, Money portfolioValue, Money cashBalance, Money totalExposure,
            Money netExposure, Option<Money> var95, Option<Money> var99, Option<BigDecimal> maxDrawdown,
            int positionCount, Option<BigDecimal> largestPositionPct, Map<String, BigDecimal> sectorConcentration) {
        this(timestamp, portfolioValue, cashBalance, totalExposure, netExposure, var95, var99, maxDrawdown,
                positionCount, largestPositionPct, sectorConcentration,
                var95.isDefined() ? ValueAtRisk.Method.HISTORICAL : ValueAtRisk.Method.NONE);
    }

    public RiskSnapshot {
        if (timestamp == null || portfolioValue == null || cashBalance == null || totalExposure == null
                || netExposure == null || var95 == null || var99 == null || maxDrawdown == null
                || largestPositionPct == null || sectorConcentration == null || varMethod == null) {
            throw new IllegalArgumentException("a risk snapshot needs every field; optional ones as Option.none()");
        }
        if (positionCount < 0 || totalExposure.signum() < 0) {
            throw new IllegalArgumentException("position count and gross exposure cannot be negative");
        }
    }
}
