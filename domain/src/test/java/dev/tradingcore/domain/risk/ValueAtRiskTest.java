package dev.tradingcore.domain.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.marketdata.Quote;
import dev.tradingcore.domain.position.Position;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Value at risk of the book from its symbols' price history: the worked example of docs/domain.md, and the rules. */
class ValueAtRiskTest {

    private static final Instant T = Instant.parse("2026-11-23T15:00:00Z");
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol TSLA = Symbol.of("TSLA");

    private static Position held(Symbol symbol, String quantity, String average, String mark) {
        return Position.opened(symbol, new BigDecimal(quantity), Price.of(average), BigDecimal.ZERO, BigDecimal.ZERO,
                Option.some(Price.of(mark)), T);
    }

    private static List<Quote> prices(Symbol symbol, String... prices) {
        List<Quote> quotes = List.empty();
        for (int i = 0; i < prices.length; i++) {
            quotes = quotes.append(Quote.last(symbol, T.plusSeconds(i), Price.of(prices[i])));
        }
        return quotes;
    }

    @Test
    void each_step_of_the_history_is_a_scenario_for_the_book_as_held_now() {
        // AAPL +100 at 160 (16000), TSLA -20 at 240 (-4800), value 61200 (cash 50000).
        List<Position> book = List.of(held(AAPL, "100", "150", "160"), held(TSLA, "-20", "250", "240"));
        var history = HashMap.of(AAPL, prices(AAPL, "100", "110", "99"), TSLA, prices(TSLA, "200", "200", "220"));

        List<BigDecimal> returns = ValueAtRisk.scenarioReturns(book, history, Money.of("61200"));

        // step 1: AAPL +10 % on 16000 = +1600, TSLA 0: +1600 / 61200; step 2: AAPL -10 % = -1600, TSLA +10 % on
        // -4800 = -480: -2080 / 61200
        assertThat(returns).hasSize(2);
        assertThat(returns.map(r -> r.multiply(new BigDecimal("61200")).setScale(2, java.math.RoundingMode.HALF_EVEN)))
                .containsExactly(new BigDecimal("1600.00"), new BigDecimal("-2080.00"));
    }

    @Test
    void a_symbol_without_a_price_at_an_instant_keeps_its_last_one() {
        List<Position> book = List.of(held(AAPL, "10", "100", "100"), held(TSLA, "10", "100", "100"));
        var history = HashMap.of(AAPL, List.of(Quote.last(AAPL, T, Price.of("100")),
                Quote.last(AAPL, T.plusSeconds(2), Price.of("110"))), TSLA, List.of(Quote.last(TSLA, T.plusSeconds(1),
                        Price.of("100")), Quote.last(TSLA, T.plusSeconds(3), Price.of("90"))));

        List<BigDecimal> returns = ValueAtRisk.scenarioReturns(book, history, Money.of("2000"));

        // from T+1 (both priced): T+2 AAPL +10 % = +100; T+3 TSLA -10 % = -100
        assertThat(returns.map(r -> r.multiply(new BigDecimal("2000")).stripTrailingZeros().toPlainString()))
                .containsExactly("100", "-100");
    }

    @Test
    void a_long_history_gives_the_historical_figure_by_nearest_rank() {
        // 101 prices of one symbol make 100 scenarios: 95 rises (100, 101, ... 195), then -2 %, -3 %, -4 %, -5 %
        // and -10 %, each exact.
        java.util.List<String> path = new java.util.ArrayList<>();
        for (int p = 100; p <= 195; p++) {
            path.add(Integer.toString(p));
        }
        BigDecimal price = new BigDecimal("195");
        for (String move : new String[] {"0.98", "0.97", "0.96", "0.95", "0.90"}) {
            price = price.multiply(new BigDecimal(move));
            path.add(price.toPlainString());
        }
        Position book = Position.opened(AAPL, new BigDecimal("100"), Price.of("100"), BigDecimal.ZERO,
                BigDecimal.ZERO, Option.some(Price.of("100")), T);

        ValueAtRisk.Estimate var = ValueAtRisk.of(List.of(book), HashMap.of(AAPL, prices(AAPL,
                path.toArray(String[]::new))), Money.of("20000"));

        // market value 10000 of a value of 20000: a symbol's -2 % is a -1 % scenario. 5th worst of 100 (ceil(100 x
        // 0.05)): -2 %, so -1 % of 20000, VaR95 = 200.00; 1st worst (ceil(100 x 0.01)): -10 %, VaR99 = 1000.00
        assertThat(var.method()).isEqualTo(ValueAtRisk.Method.HISTORICAL);
        assertThat(var.scenarios()).isEqualTo(100);
        assertThat(var.var95()).contains(Money.of("200.00"));
        assertThat(var.var99()).contains(Money.of("1000.00"));
    }

    @Test
    void a_short_history_gives_the_parametric_figure_marked_as_such() {
        Position book = held(AAPL, "100", "100", "100");

        ValueAtRisk.Estimate var = ValueAtRisk.of(List.of(book), HashMap.of(AAPL, prices(AAPL, "100", "101", "100",
                "101")), Money.of("10000"));

        assertThat(var.method()).isEqualTo(ValueAtRisk.Method.PARAMETRIC);
        assertThat(var.scenarios()).isEqualTo(3);
        assertThat(var.var95().get().signum()).isPositive();
        assertThat(var.var99().get()).isGreaterThan(var.var95().get());
    }

    @Test
    void without_two_scenarios_there_is_no_figure() {
        Position book = held(AAPL, "100", "100", "100");

        assertThat(ValueAtRisk.of(List.of(book), HashMap.of(AAPL, prices(AAPL, "100", "99")), Money.of("10000"))
                .method()).isEqualTo(ValueAtRisk.Method.NONE);
        assertThat(ValueAtRisk.of(List.empty(), HashMap.empty(), Money.of("10000")).var95()).isEmpty();
    }
}
