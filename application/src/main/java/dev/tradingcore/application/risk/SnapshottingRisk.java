package dev.tradingcore.application.risk;

import dev.tradingcore.application.port.in.SnapshotRisk;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.marketdata.MarketDataRepository;
import dev.tradingcore.domain.marketdata.Quote;
import dev.tradingcore.domain.risk.ValueAtRisk;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.risk.RiskInputs;
import dev.tradingcore.domain.risk.RiskMetrics;
import dev.tradingcore.domain.risk.RiskSnapshot;
import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A risk snapshot from one consistent read of positions and history.
 *
 * <p>Cash is not stored anywhere: it follows from the positions exactly. Every buy pays its cost, every sell or
 * short receives it, commissions are paid, and a position's cost basis and realized P&amp;L account for exactly
 * that, so cash = initial capital + the sum of realized P&amp;L - the sum of cost bases.
 *
 * <p>At market (when built with the prices): every position is valued at its symbol's latest price (the in-memory
 * mark, newer than any stored one); the equity curve for drawdown is the portfolio values of the trading day's
 * snapshots plus this one; value at risk is the historical simulation of {@link ValueAtRisk} over the held symbols'
 * cached prices. Waiting prices are written first, so the history includes the latest ones.
 */
public final class SnapshottingRisk implements SnapshotRisk {

    /** Precision of the return series (fractions): far beyond what VaR at cents needs. */
    private static final MathContext RETURNS = MathContext.DECIMAL64;

    private final RiskInputs inputs;
    private final RiskSnapshotRepository snapshots;
    private final Money initialCapital;
    private final Map<Symbol, String> sectors;
    private final Duration history;
    private final Clock clock;
    private final Prices prices;
    /** The newest snapshot this process took, for the metrics. */
    private volatile RiskSnapshot latest;

    /**
     * Where a snapshot at market gets its prices.
     *
     * @param flush writes the prices still waiting to the market data cache
     * @param marks the latest price of a symbol
     * @param history the market data cache
     * @param dayStart when the trading day of an instant began
     */
    public record Prices(Runnable flush, java.util.function.Function<Symbol, io.vavr.control.Option<Price>> marks,
            MarketDataRepository history, java.util.function.UnaryOperator<Instant> dayStart) {}

    /**
     * @param initialCapital the account's cash before its first trade
     * @param sectors the sector of each symbol, for concentration
     * @param history how far back earlier snapshots count for drawdown and VaR
     */
    public SnapshottingRisk(RiskInputs inputs, RiskSnapshotRepository snapshots, Money initialCapital,
            Map<Symbol, String> sectors, Duration history, Clock clock) {
        this.inputs = inputs;
        this.snapshots = snapshots;
        this.initialCapital = initialCapital;
        this.sectors = sectors;
        this.history = history;
        this.clock = clock;
        this.prices = null;
    }

    /** Snapshots at market: see the class comment. */
    public SnapshottingRisk(RiskInputs inputs, RiskSnapshotRepository snapshots, Money initialCapital,
            Map<Symbol, String> sectors, Prices prices, Clock clock) {
        this.inputs = inputs;
        this.snapshots = snapshots;
        this.initialCapital = initialCapital;
        this.sectors = sectors;
        this.history = Duration.ofDays(1);
        this.clock = clock;
        this.prices = prices;
    }

    /** The newest snapshot this process took (saved), if it took one. */
    public io.vavr.control.Option<RiskSnapshot> latest() {
        return io.vavr.control.Option.of(latest);
    }

    @Override
    public RiskSnapshot snapshot() {
        if (prices != null) {
            return snapshotAtMarket();
        }
        Instant at = clock.instant();
        RiskInputs.Portfolio portfolio = inputs.read(at.minus(history));
        Money cash = cashOf(initialCapital, portfolio.positions());
        Money value = RiskMetrics.portfolioValue(cash, portfolio.positions());
        List<Money> equity = portfolio.history().map(RiskSnapshot::portfolioValue).append(value);
        RiskSnapshot snapshot = RiskMetrics.snapshot(at, cash, portfolio.positions(), sectors, returnsOf(equity),
                equity);
        snapshots.save(snapshot);
        latest = snapshot;
        return snapshot;
    }

    private RiskSnapshot snapshotAtMarket() {
        prices.flush().run();
        Instant at = clock.instant();
        RiskInputs.Portfolio portfolio = inputs.read(prices.dayStart().apply(at));
        List<Position> marked = portfolio.positions().map(p -> p.isFlat() ? p
                : prices.marks().apply(p.symbol()).map(mark -> p.markedAt(mark, p.lastUpdated())).getOrElse(p));
        Money cash = cashOf(initialCapital, marked);
        Money value = RiskMetrics.portfolioValue(cash, marked);
        List<Money> equity = portfolio.history().map(RiskSnapshot::portfolioValue).append(value);
        Map<Symbol, List<Quote>> priceHistory = io.vavr.collection.HashMap.ofEntries(marked.filter(p -> !p.isFlat())
                .map(p -> io.vavr.Tuple.of(p.symbol(), prices.history().recent(p.symbol(), ValueAtRisk.WINDOW + 1))));
        RiskSnapshot snapshot = RiskMetrics.snapshot(at, cash, marked, sectors, priceHistory, equity);
        snapshots.save(snapshot);
        latest = snapshot;
        return snapshot;
    }

    /** Initial capital plus everything realized, minus what the open positions cost, rounded once to cents. */
    public static Money cashOf(Money initialCapital, List<Position> positions) {
        BigDecimal flows = positions.map(p -> p.realizedPnl().subtract(p.costBasis()))
                .fold(BigDecimal.ZERO, BigDecimal::add);
        return Money.rounded(initialCapital.amount().add(flows));
    }

    /** Period returns of an equity series as fractions; a period starting at zero or below has no return. */
    static List<BigDecimal> returnsOf(List<Money> equity) {
        return equity.sliding(2).filter(pair -> pair.size() == 2 && pair.get(0).signum() > 0)
                .map(pair -> pair.get(1).amount().subtract(pair.get(0).amount()).divide(pair.get(0).amount(), RETURNS))
                .toList();
    }
}
