package dev.tradingcore.domain.risk;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The portfolio's risk figures, computed from positions, cash and history. Pure functions: the caller supplies
 * every input, including the time.
 *
 * <p>Market values are summed exactly and rounded to cents once. Risk figures (VaR, drawdown, concentrations)
 * are rounded up, away from zero, so rounding can never make the portfolio look safer than it is.
 */
public final class RiskMetrics {

    /** The sector of a symbol missing from the sector map. */
    public static final String UNCLASSIFIED = "UNCLASSIFIED";

    /** Rounding of risk figures: up, the conservative side. */
    public static final RoundingMode RISK_ROUNDING = RoundingMode.UP;

    /** Places of percentages and ratios (columns NUMERIC(10, 4)). */
    public static final int RATIO_SCALE = 4;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RiskMetrics() {
    }

    /**
     * A snapshot of all figures at {@code at}.
     *
     * @param sectors sector of each symbol; symbols missing from it are {@link #UNCLASSIFIED}
     * @param returns one-period portfolio returns as fractions (-0.02 = a 2 % loss), any order
     * @param equity the portfolio value over time, oldest first
     */
    public static RiskSnapshot snapshot(Instant at, Money cash, List<Position> positions, Map<Symbol, String> sectors,
            List<BigDecimal> returns, List<Money> equity) {
        Money value = portfolioValue(cash, positions);
        return new RiskSnapshot(at, value, cash, grossExposure(positions), netExposure(positions),
                historicalVaR(returns, value, new BigDecimal("0.95")),
                historicalVaR(returns, value, new BigDecimal("0.99")),
                maxDrawdown(equity), positionCount(positions), largestPositionPct(positions, value),
                sectorConcentration(positions, sectors, value));
    }

    /**
     * A snapshot of all figures at {@code at}, with VaR from the held symbols' price history ({@link ValueAtRisk})
     * and drawdown from the day's equity curve.
     *
     * @param equity the portfolio value through the trading day, oldest first (this snapshot's value last)
     */
    public static RiskSnapshot snapshot(Instant at, Money cash, List<Position> positions, Map<Symbol, String> sectors,
            Map<Symbol, List<dev.tradingcore.domain.marketdata.Quote>> priceHistory, List<Money> equity) {
        Money value = portfolioValue(cash, positions);
        ValueAtRisk.Estimate var = ValueAtRisk.of(positions, priceHistory, value);
        return new RiskSnapshot(at, value, cash, grossExposure(positions), netExposure(positions), var.var95(),
                var.var99(), maxDrawdown(equity), positionCount(positions), largestPositionPct(positions, value),
                sectorConcentration(positions, sectors, value), var.method());
    }

    /** Signed market value of a position at its mark (or at cost before its first mark), exact. */
    public static BigDecimal marketValue(Position position) {
        if (position.isFlat()) {
            return BigDecimal.ZERO;
        }
        Price mark = position.markPrice().getOrElse(position.averagePrice().get());
        return position.marketValueAt(mark);
    }

    /** Cash plus the signed market value of every position (shorts count negative). */
    public static Money portfolioValue(Money cash, List<Position> positions) {
        return Money.rounded(cash.amount().add(sum(positions.map(RiskMetrics::marketValue))));
    }

    /** The sum of absolute market values. */
    public static Money grossExposure(List<Position> positions) {
        return Money.rounded(sum(positions.map(p -> marketValue(p).abs())));
    }

    /** The sum of signed market values: longs minus shorts. */
    public static Money netExposure(List<Position> positions) {
        return Money.rounded(sum(positions.map(RiskMetrics::marketValue)));
    }

    /** The number of open (not flat) positions. */
    public static int positionCount(List<Position> positions) {
        return positions.count(p -> !p.isFlat());
    }

    /** The largest absolute market value as a percent of portfolio value; none if the value is not positive. */
    public static Option<BigDecimal> largestPositionPct(List<Position> positions, Money portfolioValue) {
        if (portfolioValue.signum() <= 0 || positionCount(positions) == 0) {
            return Option.none();
        }
        BigDecimal largest = positions.map(p -> marketValue(p).abs()).max().get();
        return Option.some(percentOf(largest, portfolioValue));
    }

    /** Per sector, its gross exposure as a percent of portfolio value; empty if the value is not positive. */
    public static Map<String, BigDecimal> sectorConcentration(List<Position> positions, Map<Symbol, String> sectors,
            Money portfolioValue) {
        if (portfolioValue.signum() <= 0) {
            return TreeMap.empty();
        }
        return TreeMap.ofEntries(positions.filter(p -> !p.isFlat())
                .groupBy(p -> sectors.get(p.symbol()).getOrElse(UNCLASSIFIED))
                .map(e -> io.vavr.Tuple.of(e._1, percentOf(sum(e._2.map(p -> marketValue(p).abs())), portfolioValue))));
    }

    /**
     * Historical value at risk: the loss not exceeded with the given confidence over one period, read from past
     * returns by nearest rank. With n returns sorted worst first, the k-th worst return is used, where
     * k = ceil(n x (1 - confidence)) (at least 1); VaR = max(0, -that return) x portfolio value, rounded up to
     * cents. None without returns or with a portfolio value that is not positive.
     *
     * @param confidence e.g. 0.95 or 0.99, strictly between 0 and 1
     */
    public static Option<Money> historicalVaR(List<BigDecimal> returns, Money portfolioValue, BigDecimal confidence) {
        if (confidence.signum() <= 0 || confidence.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("VaR confidence " + confidence + " must be between 0 and 1, e.g. 0.95");
        }
        if (returns.isEmpty() || portfolioValue.signum() <= 0) {
            return Option.none();
        }
        List<BigDecimal> worstFirst = returns.sorted();
        int rank = BigDecimal.valueOf(returns.size()).multiply(BigDecimal.ONE.subtract(confidence))
                .setScale(0, RoundingMode.CEILING).intValueExact();
        BigDecimal tailReturn = worstFirst.get(Math.max(rank, 1) - 1);
        BigDecimal loss = tailReturn.signum() < 0 ? tailReturn.negate() : BigDecimal.ZERO;
        return Option.some(new Money(loss.multiply(portfolioValue.amount()).setScale(2, RISK_ROUNDING)));
    }

    /**
     * The largest fall from a running peak, as a fraction of that peak (0.2500 = 25 %), rounded up to 4 places.
     * Zero for a series that never falls; none for an empty series. Points before the first positive peak are
     * ignored: a drawdown from nothing has no meaning.
     */
    public static Option<BigDecimal> maxDrawdown(List<Money> equity) {
        if (equity.isEmpty()) {
            return Option.none();
        }
        BigDecimal peak = null;
        BigDecimal worstFall = BigDecimal.ZERO;
        BigDecimal worstPeak = BigDecimal.ONE;
        for (Money point : equity) {
            BigDecimal value = point.amount();
            if (peak == null || value.compareTo(peak) > 0) {
                peak = value;
                continue;
            }
            if (peak.signum() <= 0) {
                continue;
            }
            BigDecimal fall = peak.subtract(value);
            // fall / peak > worstFall / worstPeak, compared exactly by cross-multiplying (both peaks positive)
            if (fall.multiply(worstPeak).compareTo(worstFall.multiply(peak)) > 0) {
                worstFall = fall;
                worstPeak = peak;
            }
        }
        return Option.some(worstFall.divide(worstPeak, RATIO_SCALE, RISK_ROUNDING));
    }

    private static BigDecimal percentOf(BigDecimal amount, Money total) {
        return amount.multiply(HUNDRED).divide(total.amount(), RATIO_SCALE, RISK_ROUNDING);
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.fold(BigDecimal.ZERO, BigDecimal::add);
    }
}
