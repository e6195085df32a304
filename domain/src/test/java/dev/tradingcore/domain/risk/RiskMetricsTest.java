package dev.tradingcore.domain.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.trade.Fill;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RiskMetricsTest {

    private static final Instant AT = Instant.parse("2025-10-21T20:00:00Z");

    private static Position position(String symbol, Side side, String quantity, String price, String mark) {
        return Position.flat(Symbol.of(symbol), AT).apply(Fill.of(side, quantity, price), AT)
                .markedAt(Price.of(mark), AT);
    }

    // AAPL long 100 marked 160 = 16000; TSLA short 20 marked 240 = -4800; MSFT flat; cash 50000
    private static final List<Position> BOOK = List.of(
            position("AAPL", Side.BUY, "100", "150", "160"),
            position("TSLA", Side.SELL, "20", "250", "240"),
            Position.flat(Symbol.of("MSFT"), AT));
    private static final Money CASH = Money.of("50000.00");

    private static List<BigDecimal> returns(String... values) {
        return List.of(values).map(BigDecimal::new);
    }

    @Test
    void portfolio_value_and_exposures() {
        assertThat(RiskMetrics.portfolioValue(CASH, BOOK)).isEqualTo(Money.of("61200.00"));
        assertThat(RiskMetrics.grossExposure(BOOK)).isEqualTo(Money.of("20800.00"));
        assertThat(RiskMetrics.netExposure(BOOK)).isEqualTo(Money.of("11200.00"));
        assertThat(RiskMetrics.positionCount(BOOK)).isEqualTo(2);
    }

    @Test
    void largest_position_and_sectors_as_percent_of_portfolio_rounded_up() {
        Money value = Money.of("61200.00");

        // 16000 / 61200 = 26.14379...%
        assertThat(RiskMetrics.largestPositionPct(BOOK, value)).contains(new BigDecimal("26.1438"));
        assertThat(RiskMetrics.sectorConcentration(BOOK, HashMap.of(Symbol.of("AAPL"), "Technology"), value))
                .containsExactly(io.vavr.Tuple.of("Technology", new BigDecimal("26.1438")),
                        // 4800 / 61200 = 7.84313...%
                        io.vavr.Tuple.of(RiskMetrics.UNCLASSIFIED, new BigDecimal("7.8432")));
    }

    @Test
    void historical_var_reads_the_nearest_rank_of_the_worst_returns() {
        List<BigDecimal> hundred = returns("-0.10", "-0.08", "-0.06", "-0.05", "-0.04", "-0.03")
                .appendAll(List.fill(94, new BigDecimal("0.001")));
        Money value = Money.of("61200.00");

        // 95 %: 5th worst of 100 = -4 % -> 2448; 99 %: worst = -10 % -> 6120
        assertThat(RiskMetrics.historicalVaR(hundred, value, new BigDecimal("0.95"))).contains(Money.of("2448.00"));
        assertThat(RiskMetrics.historicalVaR(hundred, value, new BigDecimal("0.99"))).contains(Money.of("6120.00"));
    }

    @Test
    void var_is_zero_when_even_the_tail_gains_and_none_without_history() {
        assertThat(RiskMetrics.historicalVaR(returns("0.01", "0.02"), CASH, new BigDecimal("0.95")))
                .contains(Money.of("0.00"));
        assertThat(RiskMetrics.historicalVaR(List.empty(), CASH, new BigDecimal("0.95"))).isEmpty();
    }

    @Test
    void max_drawdown_is_the_largest_fall_from_a_peak() {
        List<Money> equity = List.of("100", "120", "90", "130", "110").map(Money::of);

        // 120 -> 90 = 25 %, deeper than 130 -> 110 = 15.4 %
        assertThat(RiskMetrics.maxDrawdown(equity)).contains(new BigDecimal("0.2500"));
        assertThat(RiskMetrics.maxDrawdown(List.of("300", "200").map(Money::of))).contains(new BigDecimal("0.3334"));
        assertThat(RiskMetrics.maxDrawdown(List.of("1", "2", "3").map(Money::of))).contains(new BigDecimal("0.0000"));
        assertThat(RiskMetrics.maxDrawdown(List.empty())).isEmpty();
    }

    @Test
    void a_snapshot_gathers_everything() {
        RiskSnapshot snapshot = RiskMetrics.snapshot(AT, CASH, BOOK, HashMap.empty(),
                returns("-0.05", "0.01"), List.of("100", "80").map(Money::of));

        assertThat(snapshot.portfolioValue()).isEqualTo(Money.of("61200.00"));
        assertThat(snapshot.totalExposure()).isEqualTo(Money.of("20800.00"));
        assertThat(snapshot.var95()).contains(Money.of("3060.00"));
        assertThat(snapshot.maxDrawdown()).contains(new BigDecimal("0.2000"));
        assertThat(snapshot.positionCount()).isEqualTo(2);
    }
}
