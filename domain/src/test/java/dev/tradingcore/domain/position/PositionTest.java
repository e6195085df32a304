package dev.tradingcore.domain.position;

import static dev.tradingcore.domain.fixtures.TradeBuilder.aTrade;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.trade.Fill;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PositionTest {

    private static final Instant T = Instant.parse("2025-10-21T15:00:00Z");
    private static final Symbol AAPL = Symbol.of("AAPL");

    private static Position after(Fill... fills) {
        Position position = Position.flat(AAPL, T);
        for (Fill fill : fills) {
            position = position.apply(fill, T);
        }
        return position;
    }

    private static Fill buy(String quantity, String price) {
        return Fill.of(Side.BUY, quantity, price);
    }

    private static Fill sell(String quantity, String price) {
        return Fill.of(Side.SELL, quantity, price);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Nested
    class Long {

        @Test
        void two_buys_average_to_the_quantity_weighted_price() {
            Position position = after(buy("100", "10"), buy("100", "12"));

            assertThat(position.quantity()).isEqualByComparingTo("200");
            assertThat(position.averagePrice()).contains(Price.of("11"));
            assertThat(position.costBasis()).isEqualByComparingTo("2200");
            assertThat(position.realizedPnl()).isEqualByComparingTo("0");
        }

        @Test
        void a_partial_sell_realizes_against_the_average_and_keeps_it() {
            Position position = after(buy("100", "10"), buy("100", "12"), sell("50", "15"));

            // (15 - 11) x 50 = 200
            assertThat(position.realizedPnl()).isEqualByComparingTo("200");
            assertThat(position.quantity()).isEqualByComparingTo("150");
            assertThat(position.averagePrice()).contains(Price.of("11"));
            assertThat(position.costBasis()).isEqualByComparingTo("1650");
        }

        @Test
        void a_losing_sell_realizes_a_loss() {
            Position position = after(buy("100", "10"), sell("40", "8.5"));

            // (8.5 - 10) x 40 = -60
            assertThat(position.realizedPnl()).isEqualByComparingTo("-60");
            assertThat(position.quantity()).isEqualByComparingTo("60");
        }

        @Test
        void marked_at_a_price_it_shows_market_value_cost_and_unrealized() {
            Position position = after(buy("100", "10"), buy("100", "12"), sell("50", "15"))
                    .markedAt(Price.of("13"), T);

            // 150 x 13 = 1950; cost 150 x 11 = 1650; unrealized 300
            assertThat(position.valuation()).isEqualTo(new PositionValuation(
                    Money.of("1950.00"), Money.of("1650.00"), Money.of("300.00"), Money.of("200.00")));
        }

        @Test
        void selling_everything_leaves_a_flat_row_with_its_realized_pnl_and_no_average() {
            Position position = after(buy("100", "10"), sell("100", "10.25"));

            assertThat(position.isFlat()).isTrue();
            assertThat(position.averagePrice()).isEmpty();
            assertThat(position.costBasis()).isEqualByComparingTo("0");
            assertThat(position.realizedPnl()).isEqualByComparingTo("25");
            assertThat(position.valuation()).isEqualTo(new PositionValuation(
                    Money.ZERO, Money.ZERO, Money.ZERO, Money.of("25.00")));
        }
    }

    @Nested
    class Short {

        @Test
        void a_short_sale_opens_a_negative_quantity_with_a_negative_cost_basis() {
            Position position = after(sell("100", "50"));

            assertThat(position.quantity()).isEqualByComparingTo("-100");
            assertThat(position.averagePrice()).contains(Price.of("50"));
            assertThat(position.costBasis()).isEqualByComparingTo("-5000");
            assertThat(position.isShort()).isTrue();
            assertThat(position.closingSide()).contains(Side.BUY);
        }

        @Test
        void covering_below_the_average_is_a_gain() {
            Position position = after(sell("100", "50"), buy("40", "45"));

            // (50 - 45) x 40 = 200
            assertThat(position.realizedPnl()).isEqualByComparingTo("200");
            assertThat(position.quantity()).isEqualByComparingTo("-60");
            assertThat(position.averagePrice()).contains(Price.of("50"));
        }

        @Test
        void a_short_gains_when_the_mark_falls() {
            Position position = after(sell("100", "50"), buy("40", "45"));

            // -60 x 48 = -2880; cost -3000; unrealized (50 - 48) x 60 = 120
            assertThat(position.marketValueAt(Price.of("48"))).isEqualByComparingTo("-2880");
            assertThat(position.unrealizedPnlAt(Price.of("48"))).isEqualByComparingTo("120");
            assertThat(position.unrealizedPnlAt(Price.of("52"))).isEqualByComparingTo("-120");
        }

        @Test
        void adding_to_a_short_averages_the_entry_prices() {
            Position position = after(sell("100", "50"), sell("100", "40"));

            assertThat(position.quantity()).isEqualByComparingTo("-200");
            assertThat(position.averagePrice()).contains(Price.of("45"));
        }
    }

    @Nested
    class Flip {

        @Test
        void a_sell_larger_than_the_long_closes_it_and_opens_a_short_at_the_fill_price() {
            Position position = after(buy("100", "10"), sell("150", "12"));

            // closes 100: (12 - 10) x 100 = 200; opens -50 at 12
            assertThat(position.realizedPnl()).isEqualByComparingTo("200");
            assertThat(position.quantity()).isEqualByComparingTo("-50");
            assertThat(position.averagePrice()).contains(Price.of("12"));
            assertThat(position.costBasis()).isEqualByComparingTo("-600");
        }

        @Test
        void a_buy_larger_than_the_short_closes_it_and_opens_a_long() {
            Position position = after(sell("30", "20"), buy("50", "22"));

            // closes 30: (20 - 22) x 30 = -60; opens +20 at 22
            assertThat(position.realizedPnl()).isEqualByComparingTo("-60");
            assertThat(position.quantity()).isEqualByComparingTo("20");
            assertThat(position.averagePrice()).contains(Price.of("22"));
        }
    }

    @Nested
    class Commissions {

        @Test
        void are_expensed_into_realized_pnl_when_paid_and_summed_separately() {
            Position opened = after(Fill.of(Side.BUY, "10", "100", "1.00"));
            Position closed = opened.apply(Fill.of(Side.SELL, "10", "110", "1.25"), T);

            assertThat(opened.realizedPnl()).isEqualByComparingTo("-1");
            assertThat(opened.averagePrice()).contains(Price.of("100"));
            // (110 - 100) x 10 - 1.00 - 1.25
            assertThat(closed.realizedPnl()).isEqualByComparingTo("97.75");
            assertThat(closed.totalCommission()).isEqualByComparingTo("2.25");
        }
    }

    @Nested
    class Precision {

        @Test
        void an_average_that_does_not_terminate_is_shown_at_8_places_while_the_cost_stays_exact() {
            Position position = after(buy("1", "10"), buy("2", "11"));

            assertThat(position.averagePrice()).contains(Price.of("10.66666667"));
            assertThat(position.costBasis()).isEqualByComparingTo("32");
        }

        @Test
        void a_partial_close_takes_its_exact_share_of_the_cost_and_nothing_is_lost_overall() {
            Position position = after(buy("1", "10"), buy("2", "11"), sell("1", "12"));

            // share of cost: 32 / 3 = 10.6666666666666667 (16 places, half-even)
            assertThat(position.realizedPnl()).isEqualByComparingTo("1.3333333333333333");
            assertThat(position.costBasis()).isEqualByComparingTo("21.3333333333333333");
            assertThat(position.averagePrice()).contains(Price.of("10.66666667"));
            // paid 32, received 12, hold 2 worth 24 at 12: total 4, exactly
            assertThat(position.totalPnlAt(Price.of("12"))).isEqualByComparingTo("4");
            assertThat(position.valuation().realizedPnl()).isEqualTo(Money.of("1.33"));
        }

        @Test
        void fractional_shares_keep_all_8_places() {
            Position position = after(buy("0.00000001", "65000.12345678"), buy("0.5", "64000"));

            assertThat(position.quantity()).isEqualByComparingTo("0.50000001");
            assertThat(position.costBasis()).isEqualByComparingTo("32000.0006500012345678");
        }
    }

    @Nested
    class Trades {

        @Test
        void a_trade_in_another_symbol_is_refused() {
            Position position = Position.flat(AAPL, T);

            assertThat(position.apply(aTrade().withSymbol("MSFT").build(), T).getLeft().code())
                    .isEqualTo("symbol_mismatch");
            assertThat(position.apply(aTrade().build(), T).get().quantity()).isEqualByComparingTo("100");
        }
    }
}
