package dev.tradingcore.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.trade.Trade;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hot reads' data set at the full run's sizes is what docs/benchmarks.md says it is: trades spread evenly over
 * every symbol, every month and every filled order. A read of one symbol's month, or of one order, then measures a
 * typical key, not a mix of empty reads and doubled ones.
 */
class DataSetTest {

    private static final BenchOptions FULL = BenchOptions.full(Set.of(4), Path.of("unused"), false);
    private static final DataSet DATA = new DataSet(FULL,
            Clock.fixed(Instant.parse("2026-12-04T18:00:00Z"), ZoneOffset.UTC));

    @Test
    void every_trade_belongs_to_a_filled_order_of_its_own_symbol() {
        for (long i = 0; i < FULL.trades(); i += 997) {
            Trade trade = DATA.trade("t-", i, FULL.trades());
            int order = Integer.parseInt(trade.orderId().value().substring(1));
            assertThat(DataSet.statusOfOrder(order)).as(trade.toString()).isEqualTo("filled");
            assertThat(trade.symbol().value()).isEqualTo(DATA.symbolOfOrder(order));
        }
    }

    @Test
    void every_symbol_and_month_holds_about_the_same_number_of_trades() {
        Map<String, Integer> perSymbolMonth = new HashMap<>();
        Map<String, Integer> perOrder = new HashMap<>();
        for (long i = 0; i < FULL.trades(); i++) {
            Trade trade = DATA.trade("t-", i, FULL.trades());
            int month = monthOf(trade.timestamp());
            perSymbolMonth.merge(trade.symbol().value() + "/" + month, 1, Integer::sum);
            perOrder.merge(trade.orderId().value(), 1, Integer::sum);
        }
        assertThat(perSymbolMonth).as("every symbol has trades in every month")
                .hasSize(FULL.symbols() * DataSet.SPAN_MONTHS);
        double span = Duration.between(DATA.month(0), DATA.month(DataSet.SPAN_MONTHS)).toHours();
        for (var symbolMonth : perSymbolMonth.entrySet()) {
            int month = Integer.parseInt(symbolMonth.getKey().substring(symbolMonth.getKey().indexOf('/') + 1));
            // A symbol's share of the trades, in proportion to the month's length (February holds fewer).
            double expected = FULL.trades() / (double) FULL.symbols()
                    * Duration.between(DATA.month(month), DATA.month(month + 1)).toHours() / span;
            assertThat((double) symbolMonth.getValue()).as("trades of %s", symbolMonth.getKey())
                    .isBetween(expected * 0.95, expected * 1.05);
        }
        IntSummaryStatistics orders = perOrder.values().stream().mapToInt(Integer::intValue).summaryStatistics();
        assertThat(orders.getMax() - orders.getMin()).as("trades per order, most minus fewest").isLessThanOrEqualTo(1);
    }

    @Test
    void every_symbol_has_open_orders_to_read() {
        Map<String, Integer> open = new HashMap<>();
        for (int i = 0; i < FULL.orders(); i++) {
            String status = DataSet.statusOfOrder(i);
            if (!status.equals("filled") && !status.equals("cancelled")) {
                open.merge(DATA.symbolOfOrder(i), 1, Integer::sum);
            }
        }
        assertThat(open).hasSize(FULL.symbols());
        assertThat(open.values()).containsOnly(FULL.orders() / FULL.symbols() / 10);
    }

    private static int monthOf(Instant at) {
        for (int m = 0; m < DataSet.SPAN_MONTHS; m++) {
            if (at.isBefore(DATA.month(m + 1))) {
                return m;
            }
        }
        throw new AssertionError(at + " is after the data set's span");
    }
}
