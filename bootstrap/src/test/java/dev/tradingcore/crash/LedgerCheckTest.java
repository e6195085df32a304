package dev.tradingcore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The crash test's verdict is code too: it must see each kind of discrepancy, and none where there is none. Every
 * branch of {@link LedgerCheck} that reports something is made to report it here.
 */
class LedgerCheckTest {

    private static final Instant T0 = Instant.parse("2024-01-02T15:00:00Z");

    // The exchange: o1 (X1) buys 5 @ 100 then 3 @ 101; o2 (X2) sells 2 @ 102, then is cancelled.
    private static final ExchangeApi.Fill FILL_1 = fill("e1", "X1", "buy", "5", "100.00", 1);
    private static final ExchangeApi.Fill FILL_2 = fill("e2", "X1", "buy", "3", "101.00", 2);
    private static final ExchangeApi.Fill FILL_3 = fill("e3", "X2", "sell", "2", "102.00", 3);
    private static final ExchangeApi.Order X1 = exchangeOrder("X1", "o1", "buy", "filled", "8", "8");
    private static final ExchangeApi.Order X2 = exchangeOrder("X2", "o2", "sell", "canceled", "4", "2");

    // What a correct core books for it: 5 @ 100; 8 @ 803 / 8 = 100.375; selling 2 takes 803 x 2 / 8 = 200.75 of the
    // cost for 204: realized 3.25, 6 left at the same average.
    private static final List<StoredLedger.Trade> TRADES = List.of(trade("e1", "o1", "buy", "5", "100", 1),
            trade("e2", "o1", "buy", "3", "101", 2), trade("e3", "o2", "sell", "2", "102", 3));
    private static final List<StoredLedger.Order> ORDERS = List.of(order("o1", "X1", "buy", "filled", "8", "8"),
            order("o2", "X2", "sell", "cancelled", "4", "2"));
    private static final List<StoredLedger.AuditLine> AUDIT = List.of(
            fillLine(11, "e1", "o1", "buy", "5", "100", "5", "100", "0"),
            fillLine(12, "e2", "o1", "buy", "3", "101", "8", "100.375", "0"),
            fillLine(13, "e3", "o2", "sell", "2", "102", "6", "100.375", "3.25"));
    private static final Map<String, StoredLedger.Position> POSITIONS = positions(position("6", "100.375", "3.25"));

    @Test
    void a_ledger_that_matches_the_exchange_has_no_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(TRADES, ORDERS, POSITIONS, AUDIT));

        assertThat(check.discrepancies()).isEmpty();
        assertThat(check.fillsChecked()).isEqualTo(3);
        assertThat(check.ordersChecked()).isEqualTo(2);
    }

    @Test
    void a_missing_fill_shows_in_the_fills_the_positions_and_the_order() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(List.of(TRADES.get(0), TRADES.get(2)),
                        List.of(order("o1", "X1", "buy", "partial_fill", "8", "5"), ORDERS.get(1)),
                        positions(position("3", "100", "4")),
                        List.of(AUDIT.get(0), fillLine(13, "e3", "o2", "sell", "2", "102", "3", "100", "4"))));

        assertThat(check.discrepancies()).anyMatch(d -> d.startsWith("fill e2 ") && d.endsWith("is not stored"))
                .contains("position AAPL: booked 3, exchange 6 (its fills give 6), our stored fills give 3")
                .anyMatch(d -> d.contains("order o1") && d.contains("is left partial_fill but the exchange says filled"))
                .anyMatch(d -> d.contains("order o1") && d.contains("has filled 5 but the exchange 8"));
        assertThat(check.count(LedgerCheck.Kind.FILL)).isOne();
        assertThat(check.count(LedgerCheck.Kind.AVERAGE_PRICE)).isOne();
        assertThat(check.count(LedgerCheck.Kind.REALIZED_PNL)).isOne();
    }

    @Test
    void a_fill_stored_twice_or_never_reported_or_stored_differently_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2), Map.of("AAPL", dec("8")),
                new StoredLedger(List.of(TRADES.get(0), TRADES.get(0), trade("e2", "o1", "buy", "3", "101.01", 2),
                        trade("e9", "o2", "sell", "2", "102", 3)), ORDERS, POSITIONS, AUDIT));

        assertThat(check.discrepancies()).contains("fill e1 is stored 2 times")
                .anyMatch(d -> d.startsWith("fill e2 is stored as buy 3 AAPL @ 101.01 but the exchange reported"))
                .anyMatch(d -> d.startsWith("stored trade e9 ") && d.endsWith("was never reported by the exchange"));
    }

    @Test
    void a_trade_id_the_exchange_reports_twice_is_a_discrepancy() {
        ExchangeApi.Fill again = new ExchangeApi.Fill("20240102150009000::e1", "e1", "X1", "AAPL", "buy", dec("5"),
                dec("100.00"), T0.plusSeconds(1));

        LedgerCheck check = compare(List.of(FILL_1, again, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(TRADES, ORDERS, POSITIONS, AUDIT));

        assertThat(check.discrepancies()).contains(
                "exchange reported trade id e1 twice (activity 20240102150009000::e1)");
    }

    @Test
    void a_fill_stored_on_another_order_than_the_exchanges_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(List.of(TRADES.get(0), TRADES.get(1), trade("e3", "o1", "sell", "2", "102", 3)),
                        ORDERS, POSITIONS, AUDIT));

        assertThat(check.discrepancies()).contains(
                "fill e3 is stored on our order o1 but belongs to exchange order X2 = our order o2");
    }

    @Test
    void a_fill_stored_with_another_execution_time_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(List.of(TRADES.get(0), TRADES.get(1), trade("e3", "o2", "sell", "2", "102", 4)),
                        ORDERS, POSITIONS, AUDIT));

        assertThat(check.discrepancies()).containsExactly("fill e3 is stored as executed at 2024-01-02T15:00:04Z but"
                + " the exchange reported 2024-01-02T15:00:03Z");
    }

    @Test
    void an_order_whose_filled_quantity_is_not_its_stored_fills_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(TRADES, List.of(order("o1", "X1", "buy", "filled", "8", "8"),
                        order("o2", "X2", "sell", "cancelled", "4", "3")), POSITIONS, AUDIT));

        assertThat(check.discrepancies()).contains(
                "order o2 (sell 4 AAPL) has filled_quantity 3 but its stored fills add up to 2",
                "order o2 (sell 4 AAPL) has filled 3 but the exchange 2");
    }

    @Test
    void an_order_recording_another_broker_order_id_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(TRADES, List.of(order("o1", "X9", "buy", "filled", "8", "8"), ORDERS.get(1)),
                        POSITIONS, AUDIT));

        assertThat(check.discrepancies()).containsExactly("order o1 (buy 8 AAPL) records broker order id X9 but the"
                + " exchange's order with its client order id is X1");
    }

    @Test
    void an_order_still_open_at_the_exchange_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(TRADES, List.of(ORDERS.get(0), order("o2", "X2", "sell", "partial_fill", "4", "2")),
                        POSITIONS, AUDIT),
                Map.of("o1", X1, "o2", exchangeOrder("X2", "o2", "sell", "partially_filled", "4", "2")));

        assertThat(check.discrepancies()).containsExactly("order o2 (sell 4 AAPL): the exchange still has it"
                + " partially_filled after every open order was cancelled");
    }

    @Test
    void an_order_open_here_but_unknown_or_closed_at_the_exchange_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(), Map.of(), new StoredLedger(List.of(),
                List.of(order("o7", null, "buy", "pending", "1", "0"), order("o8", null, "buy", "rejected", "1", "0"),
                        order("o2", "X2", "sell", "submitted", "4", "0")),
                Map.of(), List.of()), Map.of("o2", exchangeOrder("X2", "o2", "sell", "canceled", "4", "0")));

        assertThat(check.discrepancies()).containsExactlyInAnyOrder(
                "order o7 (buy 1 AAPL) is pending but the exchange has no such order",
                "order o2 (sell 4 AAPL) is left submitted but the exchange says canceled");
    }

    @Test
    void an_exchange_order_none_of_ours_claims_and_its_fill_are_discrepancies() {
        LedgerCheck check = compare(List.of(FILL_3), Map.of("AAPL", dec("-2")), new StoredLedger(List.of(),
                List.of(order("o1", "X1", "buy", "filled", "8", "0")), Map.of(), List.of()));

        assertThat(check.discrepancies()).contains(
                "exchange order X2 (client order id o2, sell 4 AAPL, canceled, filled 2) is not in our orders",
                "fill e3 (sell 2 AAPL @ 102.00, exchange order X2: an order with client order id o2, unknown to us)"
                        + " is not stored");
    }

    @Test
    void a_position_the_exchange_holds_and_we_do_not_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6"), "MSFT", dec("-2")),
                new StoredLedger(TRADES, ORDERS, POSITIONS, AUDIT));

        assertThat(check.discrepancies()).containsExactly(
                "position MSFT: booked 0, exchange -2 (its fills give 0), our stored fills give 0");
    }

    /**
     * The defect the verdict exists for: e2's trade committed without its position change. The next fill was booked
     * on the stale position (3 @ 100, realized 4 instead of 6 @ 100.375, realized 3.25), and recovery then overwrote
     * the quantity with the broker's, so the positions row agrees with the exchange. The old verdict (row against
     * the exchange) saw nothing; this one sees the broken chain, the correction and what was booked.
     */
    @Test
    void a_trade_committed_without_its_position_change_is_seen_although_recovery_corrected_the_row() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(TRADES, ORDERS, positions(position("6", "100.375", "4")), List.of(AUDIT.get(0),
                        fillLine(12, "e2", "o1", "buy", "3", "101", "8", "100.375", "0"),
                        fillLine(13, "e3", "o2", "sell", "2", "102", "3", "100", "4"),
                        correctionLine(14, "3", "6", "100.375"))));

        assertThat(check.discrepancies()).containsExactly(
                "audit line 13 of fill e3 (AAPL, booked 3rd): position 3 @ 100 realized 4, but the fills booked"
                        + " before it and this one give 6 @ 100.375 realized 3.25",
                "recovery corrected position AAPL (audit line 14 at 2024-01-02T15:01:00Z, quantity_mismatch): ours 3,"
                        + " broker 6, set to 6 @ 100.375",
                "position AAPL: booked 3, exchange 6 (its fills give 6), our stored fills give 6",
                "average price AAPL: booked 100, the exchange's fills in execution order give 100.375, our stored"
                        + " fills in execution order 100.375",
                "realized P&L AAPL: booked 4, the exchange's fills in execution order give 3.25, our stored fills in"
                        + " execution order 3.25");
        assertThat(check.count(LedgerCheck.Kind.CORRECTION)).isOne();
    }

    /**
     * Issue 9's example: o1 buys 50 @ 10 (t1) and 50 @ 14 (t3), o2 sells 50 @ 12 (t2). In execution order realized is
     * +100 and 50 are left at 14; booked grouped per order, realized is 0 and 50 are left at 12. Quantities agree and
     * each audit line follows from the one before: only average price and realized P&amp;L show it.
     */
    @Test
    void fills_booked_in_another_order_than_executed_differ_in_average_price_and_realized_pnl() {
        List<ExchangeApi.Fill> fills = List.of(fill("a", "X1", "buy", "50", "10", 1),
                fill("b", "X2", "sell", "50", "12", 2), fill("c", "X1", "buy", "50", "14", 3));
        List<StoredLedger.Trade> trades = List.of(trade("a", "o1", "buy", "50", "10", 1),
                trade("b", "o2", "sell", "50", "12", 2), trade("c", "o1", "buy", "50", "14", 3));
        List<StoredLedger.AuditLine> bookedPerOrder = List.of(fillLine(1, "a", "o1", "buy", "50", "10", "50", "10", "0"),
                fillLine(2, "c", "o1", "buy", "50", "14", "100", "12", "0"),
                fillLine(3, "b", "o2", "sell", "50", "12", "50", "12", "0"));

        LedgerCheck check = LedgerCheck.compare(fills, Map.of("AAPL", dec("50")), List.of(
                exchangeOrder("X1", "o1", "buy", "filled", "100", "100"),
                exchangeOrder("X2", "o2", "sell", "filled", "50", "50")), new StoredLedger(trades,
                        List.of(order("o1", "X1", "buy", "filled", "100", "100"),
                                order("o2", "X2", "sell", "filled", "50", "50")),
                        positions(position("50", "12", "0")), bookedPerOrder));

        assertThat(check.discrepancies()).containsExactly(
                "average price AAPL: booked 12, the exchange's fills in execution order give 14, our stored fills in"
                        + " execution order 14",
                "realized P&L AAPL: booked 0, the exchange's fills in execution order give 100, our stored fills in"
                        + " execution order 100");
    }

    @Test
    void a_fill_without_an_audit_line_an_audit_line_without_a_trade_and_a_line_that_misdescribes_are_seen() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(TRADES, ORDERS, POSITIONS, List.of(
                        fillLine(11, "e1", "o1", "buy", "5", "100", "5", "100", "0"),
                        fillLine(12, "e2", "o2", "buy", "3", "101", "8", "100.375", "0"),
                        fillLine(13, "e7", "o2", "sell", "2", "102", "6", "100.375", "3.25"))));

        assertThat(check.discrepancies()).containsExactlyInAnyOrder(
                "audit line 12 of fill e2 says buy 3 AAPL @ 101 on order o2 but the trade is stored as buy 3 AAPL @ 101"
                        + " on order o1",
                "audit line 13 (fill_applied of trade e7, sell 2 AAPL @ 102) has no stored trade",
                "fill e3 (sell 2 AAPL @ 102, our order o2) has no audit line");
        assertThat(check.count(LedgerCheck.Kind.AUDIT)).isEqualTo(3);
    }

    @Test
    void a_fill_with_two_audit_lines_is_a_discrepancy() {
        List<StoredLedger.AuditLine> twice = List.of(AUDIT.get(0), AUDIT.get(1), AUDIT.get(2),
                fillLine(14, "e3", "o2", "sell", "2", "102", "4", "100.375", "6.5"));

        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(TRADES, ORDERS, positions(position("4", "100.375", "6.5")), twice));

        assertThat(check.discrepancies()).contains("fill e3 has 2 audit lines ([13, 14])");
    }

    @Test
    void a_positions_row_that_is_not_what_its_last_fill_booked_is_a_discrepancy() {
        LedgerCheck check = compare(List.of(FILL_1, FILL_2, FILL_3), Map.of("AAPL", dec("6")),
                new StoredLedger(TRADES, ORDERS, positions(position("6", "100.375", "3.2")), AUDIT));

        assertThat(check.discrepancies()).containsExactly("the positions row of AAPL holds 6 @ 100.375 realized 3.2"
                + " but its last fill booked 6 @ 100.375 realized 3.25");
    }

    private static LedgerCheck compare(List<ExchangeApi.Fill> fills, Map<String, BigDecimal> positions,
            StoredLedger stored) {
        return compare(fills, positions, stored, Map.of("o1", X1, "o2", X2));
    }

    private static LedgerCheck compare(List<ExchangeApi.Fill> fills, Map<String, BigDecimal> positions,
            StoredLedger stored, Map<String, ExchangeApi.Order> orders) {
        return LedgerCheck.compare(fills, positions, List.copyOf(orders.values()), stored);
    }

    private static ExchangeApi.Fill fill(String execution, String order, String side, String qty, String price,
            int second) {
        return new ExchangeApi.Fill("2024010215000" + second + "000::" + execution, execution, order, "AAPL", side,
                dec(qty), dec(price), T0.plusSeconds(second));
    }

    private static ExchangeApi.Order exchangeOrder(String id, String client, String side, String status, String qty,
            String filled) {
        return new ExchangeApi.Order(id, client, "AAPL", side, status, dec(qty), dec(filled));
    }

    private static StoredLedger.Trade trade(String id, String order, String side, String qty, String price,
            int second) {
        return new StoredLedger.Trade(id, order, "AAPL", side, dec(qty), dec(price), T0.plusSeconds(second),
                BigDecimal.ZERO);
    }

    private static StoredLedger.Order order(String id, String brokerId, String side, String status, String qty,
            String filled) {
        return new StoredLedger.Order(id, id, brokerId, "AAPL", side, status, dec(qty), dec(filled));
    }

    private static StoredLedger.AuditLine fillLine(long id, String trade, String order, String side, String qty,
            String price, String positionQuantity, String positionAverage, String realized) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("order_id", order);
        details.put("trade_id", trade);
        details.put("symbol", "AAPL");
        details.put("side", side);
        details.put("quantity", qty);
        details.put("price", price);
        details.put("commission", "0");
        details.put("position_quantity", positionQuantity);
        details.put("position_average_price", positionQuantity.equals("0") ? "" : positionAverage);
        details.put("position_realized_pnl", realized);
        return new StoredLedger.AuditLine(id, T0.plusSeconds(id), StoredLedger.AuditLine.FILL, details);
    }

    private static StoredLedger.AuditLine correctionLine(long id, String ours, String broker, String average) {
        return new StoredLedger.AuditLine(id, T0.plusSeconds(60), StoredLedger.AuditLine.POSITION_CORRECTED, Map.of(
                "symbol", "AAPL", "discrepancy", "quantity_mismatch", "our_quantity", ours, "broker_quantity", broker,
                "corrected_quantity", broker, "corrected_average_price", average));
    }

    private static StoredLedger.Position position(String qty, String average, String realized) {
        return new StoredLedger.Position("AAPL", dec(qty), Optional.of(dec(average)), dec(realized));
    }

    private static Map<String, StoredLedger.Position> positions(StoredLedger.Position... rows) {
        Map<String, StoredLedger.Position> map = new LinkedHashMap<>();
        for (StoredLedger.Position row : rows) {
            map.put(row.symbol(), row);
        }
        return map;
    }

    private static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }
}
