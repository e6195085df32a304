package dev.tradingcore.domain.reconciliation;

import dev.tradingcore.domain.port.BrokerPosition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.trade.Fill;
import io.vavr.collection.List;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final Instant AT = Instant.parse("2025-10-21T20:30:00Z");

    private static Position ours(String symbol, String quantity, String price) {
        Side side = quantity.startsWith("-") ? Side.SELL : Side.BUY;
        return Position.flat(Symbol.of(symbol), AT)
                .apply(Fill.of(side, quantity.replace("-", ""), price), AT);
    }

    @Test
    void identical_books_are_clean() {
        ReconciliationReport report = Reconciliation.reconcile(
                List.of(ours("AAPL", "100", "150"), ours("TSLA", "-20", "250")),
                List.of(BrokerPosition.of("TSLA", "-20", "250"), BrokerPosition.of("AAPL", "100", "150")), AT);

        assertThat(report.isClean()).isTrue();
        assertThat(report.corrections()).isEmpty();
        assertThat(report.summary()).isEqualTo("positions match the broker (2 symbols compared)");
    }

    @Test
    void a_symbol_we_hold_and_the_broker_does_not_is_found_and_set_flat() {
        Position aapl = ours("AAPL", "100", "150").apply(Fill.of(Side.SELL, "50", "160"), AT);

        ReconciliationReport report = Reconciliation.reconcile(List.of(aapl), List.empty(), AT);

        assertThat(report.discrepancies()).containsExactly(
                new Discrepancy.MissingAtBroker(Symbol.of("AAPL"), new BigDecimal("50.00000000")));
        Position corrected = report.corrections().single();
        assertThat(corrected.isFlat()).isTrue();
        assertThat(corrected.averagePrice()).isEmpty();
        // realized P&L (160 - 150) x 50 survives the correction
        assertThat(corrected.realizedPnl()).isEqualByComparingTo("500");
        assertThat(report.summary()).contains("AAPL: we hold 50, the broker holds nothing");
    }

    @Test
    void a_symbol_the_broker_holds_and_we_do_not_is_found_and_taken_over() {
        ReconciliationReport report = Reconciliation.reconcile(
                List.empty(), List.of(BrokerPosition.of("MSFT", "-10", "410.5")), AT);

        assertThat(report.discrepancies()).containsExactly(
                new Discrepancy.MissingLocally(Symbol.of("MSFT"), new BigDecimal("-10.00000000")));
        Position corrected = report.corrections().single();
        assertThat(corrected.quantity()).isEqualByComparingTo("-10");
        assertThat(corrected.averagePrice()).contains(Price.of("410.5"));
        assertThat(corrected.costBasis()).isEqualByComparingTo("-4105");
    }

    @Test
    void a_flat_row_of_ours_counts_as_holding_nothing() {
        Position flat = ours("NVDA", "10", "100").apply(Fill.of(Side.SELL, "10", "100"), AT);

        ReconciliationReport report = Reconciliation.reconcile(
                List.of(flat), List.of(BrokerPosition.of("NVDA", "5", "120")), AT);

        assertThat(report.discrepancies().single()).isInstanceOf(Discrepancy.MissingLocally.class);
    }

    @Test
    void different_quantities_are_corrected_to_the_brokers_quantity_and_price() {
        ReconciliationReport report = Reconciliation.reconcile(
                List.of(ours("AAPL", "100", "150")), List.of(BrokerPosition.of("AAPL", "120", "151")), AT);

        Discrepancy discrepancy = report.discrepancies().single();
        assertThat(discrepancy).isInstanceOf(Discrepancy.QuantityMismatch.class);
        assertThat(discrepancy.difference()).isEqualByComparingTo("20");
        assertThat(report.corrections().single().quantity()).isEqualByComparingTo("120");
        assertThat(report.corrections().single().averagePrice()).contains(Price.of("151"));
    }

    @Test
    void both_directions_and_a_mismatch_in_one_pass_sorted_by_symbol() {
        ReconciliationReport report = Reconciliation.reconcile(
                List.of(ours("TSLA", "-20", "250"), ours("AAPL", "100", "150"), ours("GOOG", "5", "170")),
                List.of(BrokerPosition.of("MSFT", "10", "410"), BrokerPosition.of("AAPL", "90", "150"),
                        BrokerPosition.of("GOOG", "5", "170"), BrokerPosition.of("AMD", "0", null)),
                AT);

        assertThat(report.discrepancies().map(d -> d.symbol().value())).containsExactly("AAPL", "MSFT", "TSLA");
        assertThat(report.discrepancies().map(Object::getClass)).containsExactly(
                Discrepancy.QuantityMismatch.class, Discrepancy.MissingLocally.class,
                Discrepancy.MissingAtBroker.class);
        assertThat(report.corrections().map(Position::quantity))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("90"), new BigDecimal("10"), BigDecimal.ZERO);
        assertThat(report.symbolsCompared()).isEqualTo(5);
    }

    @Test
    void a_symbol_listed_twice_by_the_broker_is_broken_input() {
        assertThatThrownBy(() -> Reconciliation.reconcile(List.empty(),
                List.of(BrokerPosition.of("AAPL", "1", "1"), BrokerPosition.of("AAPL", "2", "1")), AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AAPL more than once");
    }
}
