package dev.tradingcore.domain.report;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.TradingDayWindow;
import dev.tradingcore.domain.risk.RiskMetrics;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What the ledger held at the end of one trading day and what happened during it.
 *
 * @param positions every symbol ever booked before the close, flat ones included (they may have realized P&L today)
 * @param ordersByStatus the day's orders (placed during it) counted by their status now
 * @param equity the day's risk snapshots, oldest first
 * @param sectorExposure each sector's gross exposure as a percent of portfolio value, as the day's last risk
 *     snapshot recorded it
 */
public record TradingDay(TradingDayWindow window, List<ClosingPosition> positions, List<DayFill> fills,
        Map<String, Integer> ordersByStatus, List<RejectedOrder> rejected, List<LimitBreach> breaches,
        List<EquityPoint> equity, Map<String, BigDecimal> sectorExposure) {

    public TradingDay {
        if (window == null || positions == null || fills == null || ordersByStatus == null || rejected == null
                || breaches == null || equity == null || sectorExposure == null) {
            throw new IllegalArgumentException("a trading day needs every field");
        }
    }

    public BigDecimal realizedToday() {
        return positions.map(ClosingPosition::realizedToday).fold(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal unrealized() {
        return positions.map(ClosingPosition::unrealizedPnl).fold(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** Sum of the open positions' absolute market values. */
    public BigDecimal grossExposure() {
        return positions.map(p -> p.marketValue().abs()).fold(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** Sum of the open positions' signed market values. */
    public BigDecimal netExposure() {
        return positions.map(ClosingPosition::marketValue).fold(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    public int orderCount() {
        return ordersByStatus.values().sum().intValue();
    }

    public BigDecimal commissions() {
        return fills.map(DayFill::commission).fold(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The drawdown at each snapshot: how far, in percent, the equity stands below the highest it reached earlier in
     * the day (0 at a new high).
     */
    public List<BigDecimal> drawdownPercent() {
        List<BigDecimal> drawdowns = List.empty();
        BigDecimal peak = null;
        for (EquityPoint point : equity) {
            peak = peak == null || point.portfolioValue().compareTo(peak) > 0 ? point.portfolioValue() : peak;
            drawdowns = drawdowns.append(peak.signum() <= 0 ? BigDecimal.ZERO.setScale(4)
                    : peak.subtract(point.portfolioValue()).multiply(BigDecimal.valueOf(100))
                            .divide(peak, 4, RoundingMode.HALF_EVEN));
        }
        return drawdowns;
    }

    /** The day's largest drawdown in percent, 0 without snapshots: the risk snapshots' figure, in percent. */
    public BigDecimal maxDrawdownPercent() {
        return RiskMetrics.maxDrawdown(equity.map(point -> Money.rounded(point.portfolioValue())))
                .map(fraction -> fraction.movePointRight(2)).getOrElse(BigDecimal.ZERO.setScale(4));
    }
}
