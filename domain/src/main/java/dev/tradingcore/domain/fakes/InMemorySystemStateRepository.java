package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.risk.RiskLimits;
import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.state.TradingSwitch;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * A {@link SystemStateRepository} in three fields, for use-case tests; it passes the same contract as PostgreSQL.
 * It starts with nothing stored: trading off (as a missing row reads, changed at the epoch), no risk limits, never
 * reconciled. Thread-safe.
 */
public final class InMemorySystemStateRepository implements SystemStateRepository {

    private TradingSwitch tradingSwitch;
    private RiskLimits riskLimits;
    private Instant lastReconciliation;
    private dev.tradingcore.domain.state.StartOfDay startOfDay;

    @Override
    public synchronized TradingSwitch tradingSwitch() {
        return tradingSwitch != null
                ? tradingSwitch
                : TradingSwitch.off("no trading_enabled state is stored: trading stays off until switched on",
                        Instant.EPOCH);
    }

    @Override
    public synchronized void saveTradingSwitch(TradingSwitch tradingSwitch) {
        this.tradingSwitch = tradingSwitch;
    }

    @Override
    public synchronized Option<RiskLimits> riskLimits() {
        return Option.of(riskLimits);
    }

    @Override
    public synchronized void saveRiskLimits(RiskLimits limits) {
        this.riskLimits = limits;
    }

    @Override
    public synchronized Option<Instant> lastReconciliation() {
        return Option.of(lastReconciliation);
    }

    @Override
    public synchronized void saveLastReconciliation(Instant at) {
        this.lastReconciliation = at;
    }

    @Override
    public synchronized Option<dev.tradingcore.domain.state.StartOfDay> startOfDay() {
        return Option.of(startOfDay);
    }

    @Override
    public synchronized void saveStartOfDay(dev.tradingcore.domain.state.StartOfDay value) {
        this.startOfDay = value;
    }
}
