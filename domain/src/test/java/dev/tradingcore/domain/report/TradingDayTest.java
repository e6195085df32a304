package dev.tradingcore.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.TradingDayWindow;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The report's figures from a day's rows: valuation, P&L, exposure and the drawdown of the equity curve. */
class TradingDayTest {

    private static final TradingDayWindow DAY = new TradingDayWindow(LocalDate.of(2026, 12, 3),
            ZoneId.of("America/New_York"));
    private static final Instant T = Instant.parse("2026-12-03T15:00:00Z");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static TradingDay day(List<ClosingPosition> positions, List<EquityPoint> equity) {
        return new TradingDay(DAY, positions, List.empty(), LinkedHashMap.empty(), List.empty(), List.empty(), equity,
                LinkedHashMap.empty());
    }

    @Test
    void the_day_runs_from_midnight_to_midnight_in_its_zone() {
        assertThat(DAY.start()).isEqualTo(Instant.parse("2026-12-03T05:00:00Z"));
        assertThat(DAY.end()).isEqualTo(Instant.parse("2026-12-04T05:00:00Z"));
    }

    @Test
    void a_position_is_valued_at_its_closing_price_and_a_short_one_gains_when_the_price_falls() {
        ClosingPosition longOne = new ClosingPosition("AAPL", d("10"), Option.some(d("100")), Option.some(d("101.005")),
                Option.some(T), d("5.00"), d("7.00"));
        ClosingPosition shortOne = new ClosingPosition("MSFT", d("-4"), Option.some(d("400")), Option.some(d("390")),
                Option.some(T), d("0"), d("0"));

        assertThat(longOne.marketValue()).isEqualByComparingTo("1010.05");
        assertThat(longOne.unrealizedPnl()).isEqualByComparingTo("10.05");
        assertThat(shortOne.marketValue()).isEqualByComparingTo("-1560.00");
        assertThat(shortOne.unrealizedPnl()).isEqualByComparingTo("40.00");

        TradingDay day = day(List.of(longOne, shortOne), List.empty());
        assertThat(day.grossExposure()).isEqualByComparingTo("2570.05");
        assertThat(day.netExposure()).isEqualByComparingTo("-549.95");
        assertThat(day.unrealized()).isEqualByComparingTo("50.05");
        assertThat(day.realizedToday()).isEqualByComparingTo("5.00");
    }

    @Test
    void a_position_never_priced_is_shown_at_cost_and_a_flat_one_has_nothing_unrealized() {
        ClosingPosition unpriced = new ClosingPosition("NVDA", d("3"), Option.some(d("120")), Option.none(),
                Option.none(), d("0"), d("0"));
        ClosingPosition flat = new ClosingPosition("GOOG", d("0"), Option.none(), Option.some(d("150")),
                Option.some(T), d("-12.50"), d("-12.50"));

        assertThat(unpriced.marketValue()).isEqualByComparingTo("360.00");
        assertThat(unpriced.unrealizedPnl()).isZero();
        assertThat(flat.marketValue()).isZero();
        assertThat(flat.unrealizedPnl()).isZero();
        assertThat(flat.isOpen()).isFalse();
    }

    @Test
    void the_drawdown_is_measured_from_the_highest_equity_reached_earlier_in_the_day() {
        List<EquityPoint> equity = List.of("1000", "1100", "990", "1045", "1200", "1140")
                .zipWithIndex().map(t -> new EquityPoint(T.plusSeconds(300L * t._2), d(t._1)));

        TradingDay day = day(List.empty(), equity);

        assertThat(day.drawdownPercent()).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(d("0"), d("0"), d("10"), d("5"), d("0"), d("5"));
        assertThat(day.maxDrawdownPercent()).isEqualByComparingTo("10");
        assertThat(day(List.empty(), List.empty()).maxDrawdownPercent()).isZero();
    }
}
