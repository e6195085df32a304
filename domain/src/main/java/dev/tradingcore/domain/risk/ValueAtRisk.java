package dev.tradingcore.domain.risk;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.marketdata.Quote;
import dev.tradingcore.domain.position.Position;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Value at risk of the book as it stands, from the held symbols' price history (historical simulation).
 *
 * <p>Each step of the price history is a scenario: between two consecutive observation instants (the union of the
 * held symbols' quote times; a symbol without a quote at an instant keeps its last price), every held symbol moves
 * by its own return, and the book as held now gains or loses the sum of market value x return. That P&amp;L over the
 * portfolio value is the scenario's return. The last {@link #WINDOW} scenarios are used.
 *
 * <ul>
 *   <li>With at least {@link #MIN_HISTORICAL} scenarios: historical VaR by nearest rank
 *       ({@link RiskMetrics#historicalVaR}).</li>
 *   <li>With fewer, but at least two: parametric (normal) VaR, z x standard deviation - mean of the scenario
 *       returns, z = 1.6449 (95 %) and 2.3264 (99 %), marked {@link Method#PARAMETRIC}: a short history says too
 *       little about its tail to read the 5th or 1st percentile off it.</li>
 *   <li>With fewer than two, or a portfolio value that is not positive: none.</li>
 * </ul>
 * The horizon is one step of the history: the interval between consecutive cached prices.
 */
public final class ValueAtRisk {

    /** Scenarios used at most: the most recent ones. */
    public static final int WINDOW = 250;

    /** Scenarios needed for the historical method; below it the parametric figure is given. */
    public static final int MIN_HISTORICAL = 100;

    static final BigDecimal Z95 = new BigDecimal("1.6449");
    static final BigDecimal Z99 = new BigDecimal("2.3264");
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    /** How a VaR figure was obtained. */
    public enum Method {
        HISTORICAL, PARAMETRIC, NONE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** VaR at 95 % and 99 %, positive loss amounts, with the method and the number of scenarios behind them. */
    public record Estimate(Option<Money> var95, Option<Money> var99, Method method, int scenarios) {

        public Estimate {
            if (var95 == null || var99 == null || method == null || scenarios < 0) {
                throw new IllegalArgumentException("a VaR estimate needs both figures as options and its method");
            }
        }

        public static Estimate none(int scenarios) {
            return new Estimate(Option.none(), Option.none(), Method.NONE, scenarios);
        }
    }

    private ValueAtRisk() {}

    /**
     * @param positions the book, each marked (or at cost before its first mark)
     * @param history each held symbol's quotes, oldest first
     */
    public static Estimate of(List<Position> positions, Map<Symbol, List<Quote>> history, Money portfolioValue) {
        List<BigDecimal> returns = scenarioReturns(positions, history, portfolioValue);
        if (returns.size() < 2 || portfolioValue.signum() <= 0) {
            return Estimate.none(returns.size());
        }
        if (returns.size() >= MIN_HISTORICAL) {
            return new Estimate(RiskMetrics.historicalVaR(returns, portfolioValue, new BigDecimal("0.95")),
                    RiskMetrics.historicalVaR(returns, portfolioValue, new BigDecimal("0.99")), Method.HISTORICAL,
                    returns.size());
        }
        return new Estimate(Option.some(parametric(returns, portfolioValue, Z95)),
                Option.some(parametric(returns, portfolioValue, Z99)), Method.PARAMETRIC, returns.size());
    }

    /** The book's return in each scenario, oldest first, at most {@link #WINDOW}. */
    public static List<BigDecimal> scenarioReturns(List<Position> positions, Map<Symbol, List<Quote>> history,
            Money portfolioValue) {
        List<Position> held = positions.filter(p -> !p.isFlat());
        if (held.isEmpty() || portfolioValue.signum() <= 0) {
            return List.empty();
        }
        TreeSet<Instant> instants = TreeSet.ofAll(held.flatMap(p -> history.get(p.symbol()).getOrElse(List.empty()))
                .map(Quote::timestamp));
        java.util.Map<Symbol, Price> last = new java.util.HashMap<>();
        java.util.Map<Symbol, java.util.Iterator<Quote>> cursors = new java.util.HashMap<>();
        java.util.Map<Symbol, Quote> pending = new java.util.HashMap<>();
        for (Position p : held) {
            java.util.Iterator<Quote> it = history.get(p.symbol()).getOrElse(List.empty()).iterator();
            cursors.put(p.symbol(), it);
            if (it.hasNext()) {
                pending.put(p.symbol(), it.next());
            }
        }
        List<BigDecimal> returns = List.empty();
        java.util.Map<Symbol, Price> previous = null;
        for (Instant at : instants) {
            for (Position p : held) {
                Quote next = pending.get(p.symbol());
                while (next != null && !next.timestamp().isAfter(at)) {
                    last.put(p.symbol(), next.price());
                    java.util.Iterator<Quote> it = cursors.get(p.symbol());
                    next = it.hasNext() ? it.next() : null;
                }
                pending.put(p.symbol(), next);
            }
            if (last.size() < held.size()) {
                continue; // not every held symbol has a price yet
            }
            if (previous != null) {
                BigDecimal pnl = BigDecimal.ZERO;
                for (Position p : held) {
                    BigDecimal before = previous.get(p.symbol()).value();
                    BigDecimal move = last.get(p.symbol()).value().subtract(before).divide(before, PRECISION);
                    pnl = pnl.add(RiskMetrics.marketValue(p).multiply(move));
                }
                returns = returns.append(pnl.divide(portfolioValue.amount(), PRECISION));
            }
            previous = new java.util.HashMap<>(last);
        }
        return returns.takeRight(WINDOW);
    }

    /** max(0, z x sigma - mean) x value, rounded up to cents; sigma is the sample standard deviation. */
    static Money parametric(List<BigDecimal> returns, Money value, BigDecimal z) {
        BigDecimal n = BigDecimal.valueOf(returns.size());
        BigDecimal mean = returns.fold(BigDecimal.ZERO, BigDecimal::add).divide(n, PRECISION);
        BigDecimal squares = returns.map(r -> r.subtract(mean).pow(2)).fold(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal sigma = squares.divide(n.subtract(BigDecimal.ONE), PRECISION).sqrt(PRECISION);
        BigDecimal loss = z.multiply(sigma).subtract(mean);
        return new Money(loss.max(BigDecimal.ZERO).multiply(value.amount()).setScale(2, RoundingMode.UP));
    }
}
