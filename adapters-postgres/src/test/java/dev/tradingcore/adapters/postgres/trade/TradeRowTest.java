package dev.tradingcore.adapters.postgres.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.trade.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A read's rows become the same trades row by row as one by one, whatever symbols and orders they mix. */
class TradeRowTest {

    private static TradeRow row(String id, String order, String symbol) {
        return new TradeRow(id, order, symbol, "buy", new BigDecimal("2.00000000"), new BigDecimal("10.50000000"),
                Instant.parse("2026-11-23T15:00:00Z"), new BigDecimal("0.01000000"), new BigDecimal("21.00"), "maker");
    }

    @Test
    void rows_of_several_symbols_and_orders_keep_each_their_own() {
        List<TradeRow> rows = List.of(row("t1", "O1", "AAPL"), row("t2", "O1", "AAPL"), row("t3", "O2", "MSFT"),
                row("t4", "O1", "AAPL"), row("t5", "O3", "AAPL"));

        List<Trade> one = rows.stream().map(TradeRow::toTrade).toList();

        assertThat(TradeRow.toTrades(rows)).containsExactlyElementsOf(one);
        assertThat(TradeRow.toTrades(rows).map(t -> t.orderId().value() + "/" + t.symbol().value()))
                .containsExactly("O1/AAPL", "O1/AAPL", "O2/MSFT", "O1/AAPL", "O3/AAPL");
    }

    @Test
    void a_row_with_a_symbol_that_is_not_one_fails_as_when_read_alone() {
        List<TradeRow> rows = List.of(row("t1", "O1", "AAPL"), row("t2", "O1", "aapl"));

        assertThatThrownBy(() -> TradeRow.toTrades(rows)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'aapl' is not a valid symbol");
    }
}
