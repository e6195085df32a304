package dev.tradingcore.domain.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.risk.RiskLimits;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SystemStateRepository} must do, run against each implementation (PostgreSQL, in-memory). The
 * keys are fixed, so every test writes what it reads; the tests of a class may share one store. What a store that
 * never had a key answers differs (PostgreSQL starts with the initial rows) and is tested per implementation.
 */
public abstract class SystemStateRepositoryContract {

    protected static final Instant T = Instant.parse("2026-11-23T15:00:00Z");

    /** The repository under test; the same instance for every call within a test. */
    protected abstract SystemStateRepository repository();

    @Test
    void the_trading_switch_keeps_its_position_reason_and_time() {
        TradingSwitch off = TradingSwitch.off("daily loss limit reached: -5001.00", T);
        repository().saveTradingSwitch(off);
        assertThat(repository().tradingSwitch()).isEqualTo(off);

        TradingSwitch on = TradingSwitch.on("operator \"ana\" resumed, see ticket #42", T.plusSeconds(3600));
        repository().saveTradingSwitch(on);
        assertThat(repository().tradingSwitch()).isEqualTo(on);
    }

    @Test
    void risk_limits_come_back_exactly() {
        RiskLimits limits = new RiskLimits(Money.of("12345678.91"), Money.of("0.01"));

        repository().saveRiskLimits(limits);

        assertThat(repository().riskLimits()).isEqualTo(Option.some(limits));
        RiskLimits tighter = new RiskLimits(Money.of("10000.00"), Money.of("5000.50"));
        repository().saveRiskLimits(tighter);
        assertThat(repository().riskLimits()).isEqualTo(Option.some(tighter));
    }

    @Test
    void the_last_reconciliation_is_the_last_one_saved() {
        repository().saveLastReconciliation(T);
        repository().saveLastReconciliation(T.plusSeconds(300).plusNanos(123_000));

        assertThat(repository().lastReconciliation()).isEqualTo(Option.some(T.plusSeconds(300).plusNanos(123_000)));
    }

    @Test
    void the_start_of_day_comes_back_exactly_with_its_halt() {
        StartOfDay day = new StartOfDay(java.time.LocalDate.parse("2026-11-23"),
                java.time.ZoneId.of("America/New_York"), Money.of("1000123.45"), T);
        repository().saveStartOfDay(day);
        assertThat(repository().startOfDay()).isEqualTo(Option.some(day));

        StartOfDay halted = day.haltedAt(T.plusSeconds(600));
        repository().saveStartOfDay(halted);
        assertThat(repository().startOfDay()).isEqualTo(Option.some(halted));
    }
}
