package dev.tradingcore.domain.state;

import dev.tradingcore.domain.risk.RiskLimits;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * The persistent system state (table {@code system_state}), one typed pair of read and write per key, so no
 * caller ever handles raw JSON.
 */
public interface SystemStateRepository {

    /** Key {@code trading_enabled}. A missing row reads as off: the safe default is not to trade. */
    TradingSwitch tradingSwitch();

    void saveTradingSwitch(TradingSwitch tradingSwitch);

    /** Key {@code risk_limits}; none when not configured (and no order may then be accepted). */
    Option<RiskLimits> riskLimits();

    void saveRiskLimits(RiskLimits limits);

    /** Key {@code last_reconciliation}: when positions last matched the broker (after corrections). */
    Option<Instant> lastReconciliation();

    void saveLastReconciliation(Instant at);

    /** Key {@code start_of_day}: the equity the current trading day's P&amp;L counts from; none before the first. */
    Option<StartOfDay> startOfDay();

    void saveStartOfDay(StartOfDay startOfDay);
}
