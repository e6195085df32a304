package dev.tradingcore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The crash test's verdict is code too: it must see each kind of discrepancy, and none where there is none. */
class LedgerCheckTest {

    private static final ExchangeApi.Fill FILL_1 = fill("e1", "X1", "buy", "5", "100.00");
    private static final ExchangeApi.Fill FILL_2 = fill("e2", "X1", "buy", "3", "101.00");
    private static final ExchangeApi.Fill FILL_3 = fill("e3", "X2", "sell", "2", "102.00");
    private static final ExchangeApi.Order X1 = exchangeOrder("X1", "o1", "buy", "filled", "8", "8");
    private static final ExchangeApi.Order X2 = exchangeOrder("X2", "o2", "sell", "canceled", "4", "2");

    @Test
    void a_ledger_that_matches_the_exchange_has_no_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(List.of(trade("e1", "o1", "buy", "5", "100.00"), trade("e2", "o1", "buy", "3", "101"),
                        trade("e3", "o2", "sell", "2", "102")),
                        List.of(order("o1", "X1", "buy", "filled", "8", "8"),
                                order("o2", "X2", "sell", "cancelled", "4", "2")),
                        Map.of("AAPL", dec("6.00000000"))));

        assertThat(check.discrepancies()).isEmpty();
        assertThat(check.fillsChecked()).isEqualTo(3);
        assertThat(check.ordersChecked()).isEqualTo(2);
    }

    @Test
    void a_missing_fill_shows_in_the_fills_the_positions_and_the_order() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(List.of(trade("e1", "o1", "buy", "5", "100"), trade("e3", "o2", "sell", "2", "102")),
                        List.of(order("o1", "X1", "buy", "partial_fill", "8", "5"),
                                order("o2", "X2", "sell", "cancelled", "4", "2")),
                        Map.of("AAPL", dec("3"))));

        assertThat(check.discrepancies()).anyMatch(d -> d.startsWith("fill e2 ") && d.endsWith("is not stored"))
                .anyMatch(d -> d.equals("position AAPL: ours 3, exchange 6, sum of our stored fills 3"))
                .anyMatch(d -> d.contains("order o1")
                        && d.contains("is left partial_fill but the exchange says filled"))
                .anyMatch(d -> d.contains("order o1") && d.contains("has filled 5 but the exchange 8"));
    }

    @Test
    void a_fill_stored_twice_or_never_reported_or_stored_differently_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2), Map.of("AAPL", dec("8")),
                new StoredLedger(List.of(trade("e1", "o1", "buy", "5", "100"), trade("e1", "o1", "buy", "5", "100"),
                        trade("e2", "o1", "buy", "3", "101.01"), trade("e9", "o2", "sell", "2", "102")),
                        List.of(order("o1", "X1", "buy", "filled", "8", "8"),
                                order("o2", "X2", "sell", "cancelled", "4", "2")),
                        Map.of("AAPL", dec("8"))));

        assertThat(check.discrepancies()).contains("fill e1 is stored 2 times")
                .anyMatch(d -> d.startsWith("fill e2 is stored as buy 3 AAPL @ 101.01 but the exchange reported"))
                .anyMatch(d -> d.startsWith("stored trade e9 ") && d.endsWith("was never reported by the exchange"));
    }

    @Test
    void an_order_open_here_but_unknown_or_closed_at_the_exchange_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(), Map.of(), new StoredLedger(List.of(),
                List.of(order("o7", null, "buy", "pending", "1", "0"), order("o8", null, "buy", "rejected", "1", "0"),
                        order("o2", "X2", "sell", "submitted", "4", "0")),
                Map.of()), Map.of("o2", exchangeOrder("X2", "o2", "sell", "canceled", "4", "0")));

        assertThat(check.discrepancies()).containsExactlyInAnyOrder(
                "order o7 (buy 1 AAPL) is pending but the exchange has no such order",
                "order o2 (sell 4 AAPL) is left submitted but the exchange says canceled");
    }

    @Test
    void an_exchange_order_none_of_ours_claims_and_its_fill_are_discrepancies() {
        LedgerCheck check = compare(List.of(FILL_3), Map.of("AAPL", dec("-2")), new StoredLedger(List.of(),
                List.of(order("o1", "X1", "buy", "filled", "8", "0")), Map.of()));

        assertThat(check.discrepancies()).contains(
                "exchange order X2 (client order id o2, sell 4 AAPL, canceled, filled 2) is not in our orders",
                "fill e3 (sell 2 AAPL @ 102.00, exchange order X2: an order with client order id o2, unknown to us)"
                        + " is not stored");
    }

    @Test
    void a_position_that_differs_from_the_exchange_or_from_its_fills_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1), Map.of("MSFT", dec("-2")),
                new StoredLedger(List.of(trade("e1", "o1", "buy", "5", "100")),
                        List.of(order("o1", "X1", "buy", "filled", "8", "5")), Map.of("AAPL", dec("5"))));

        assertThat(check.discrepancies()).contains("position AAPL: ours 5, exchange 0, sum of our stored fills 5",
                "position MSFT: ours 0, exchange -2, sum of our stored fills 0");
    }

    private static LedgerCheck compare(List<ExchangeApi.Fill> fills, Map<String, BigDecimal> positions,
            StoredLedger stored) {
        return compare(fills, positions, stored, Map.of("o1", X1, "o2", X2));
    }

    private static LedgerCheck compare(List<ExchangeApi.Fill> fills, Map<String, BigDecimal> positions,
            StoredLedger stored, Map<String, ExchangeApi.Order> orders) {
        return LedgerCheck.compare(fills, positions, List.copyOf(orders.values()), stored);
    }

    private static ExchangeApi.Fill fill(String execution, String order, String side, String qty, String price) {
        return new ExchangeApi.Fill("20240102150000000::" + execution, execution, order, "AAPL", side, dec(qty),
                dec(price));
    }

    private static ExchangeApi.Order exchangeOrder(String id, String client, String side, String status, String qty,
            String filled) {
        return new ExchangeApi.Order(id, client, "AAPL", side, status, dec(qty), dec(filled));
    }

    private static StoredLedger.Trade trade(String id, String order, String side, String qty, String price) {
        return new StoredLedger.Trade(id, order, "AAPL", side, dec(qty), dec(price));
    }

    private static StoredLedger.Order order(String id, String brokerId, String side, String status, String qty,
            String filled) {
        return new StoredLedger.Order(id, id, brokerId, "AAPL", side, status, dec(qty), dec(filled));
    }

    private static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }
}
