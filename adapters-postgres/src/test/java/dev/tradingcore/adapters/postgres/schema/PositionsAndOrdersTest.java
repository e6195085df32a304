package dev.tradingcore.adapters.postgres.schema;

import static dev.tradingcore.adapters.postgres.schema.Rows.execute;
import static dev.tradingcore.adapters.postgres.schema.Rows.insertOrder;
import static dev.tradingcore.adapters.postgres.schema.Rows.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Positions keep their row when flat (realized P&L survives); orders need no position and know 'unknown'. */
class PositionsAndOrdersTest {

    private static final String CHECK_VIOLATION = "23514";

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Test
    void a_position_going_flat_keeps_its_row_and_realized_pnl_with_no_average_price() throws SQLException {
        try (Connection c = db.connect()) {
            execute(c, """
                    INSERT INTO positions (symbol, quantity, average_price, market_value, unrealized_pnl, cost_basis,
                                           cost_basis_exact)
                        VALUES ('FLAT', 10, 100, 1000, 0, 1000, 1000);
                    UPDATE positions SET quantity = 0, average_price = NULL, market_value = 0, unrealized_pnl = 0,
                                         cost_basis = 0, cost_basis_exact = 0, realized_pnl = realized_pnl + 50,
                                         realized_pnl_exact = realized_pnl_exact + 50, total_commission = 2
                     WHERE symbol = 'FLAT';
                    """);

            assertThat(strings(c, "SELECT quantity || ' ' || coalesce(average_price::text, 'null') || ' '"
                    + " || realized_pnl || ' ' || total_commission FROM positions WHERE symbol = 'FLAT'"))
                    .containsExactly("0.00000000 null 50.00 2.00000000");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "('BAD1', 0, 100, 0, 0, 0)", // flat with an average price
        "('BAD2', 5, NULL, 500, 0, 500)", // open without one
        "('BAD3', 5, 0, 0, 0, 0)", // open at price 0
        "('BAD4', 0, NULL, 10, 0, 0)" // flat but worth something
    })
    void inconsistent_positions_are_refused(String values) throws SQLException {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> execute(c, "INSERT INTO positions (symbol, quantity, average_price,"
                    + " market_value, unrealized_pnl, cost_basis) VALUES " + values))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(CHECK_VIOLATION));
        }
    }

    @Test
    void a_short_position_is_a_negative_quantity() throws SQLException {
        try (Connection c = db.connect()) {
            execute(c, "INSERT INTO positions (symbol, quantity, average_price, market_value, unrealized_pnl,"
                    + " cost_basis, cost_basis_exact) VALUES ('SHORT', -20, 50, -1000, 0, -1000, -1000)");
            assertThat(strings(c, "SELECT quantity::text FROM positions WHERE symbol = 'SHORT'"))
                    .containsExactly("-20.00000000");
        }
    }

    @Test
    void the_first_order_of_a_symbol_never_held_is_stored() throws SQLException {
        try (Connection c = db.connect()) {
            insertOrder(c, "O-FIRST", "NEVERHELD");
            assertThat(strings(c, "SELECT symbol FROM orders WHERE order_id = 'O-FIRST'")).containsExactly("NEVERHELD");
        }
    }

    @Test
    void an_order_in_a_broker_state_that_cannot_be_mapped_is_unknown_and_counts_as_active() throws SQLException {
        try (Connection c = db.connect()) {
            insertOrder(c, "O-UNKNOWN", "ODD");
            execute(c, "UPDATE orders SET status = 'unknown' WHERE order_id = 'O-UNKNOWN'");
            execute(c, "SET enable_seqscan = off");
            assertThat(strings(c, "EXPLAIN SELECT order_id FROM orders WHERE symbol = 'ODD' AND status = 'unknown'"))
                    .anyMatch(line -> line.contains("idx_orders_active"));
            execute(c, "RESET enable_seqscan");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE orders SET time_in_force = 'forever' WHERE order_id = 'O-CHECK'",
        "UPDATE orders SET status = 'lost' WHERE order_id = 'O-CHECK'",
        "UPDATE orders SET filled_quantity = 101 WHERE order_id = 'O-CHECK'",
        "UPDATE orders SET order_type = 'limit' WHERE order_id = 'O-CHECK'", // a limit order needs a limit price
        "UPDATE orders SET order_type = 'stop' WHERE order_id = 'O-CHECK'", // a stop order needs a stop price
        "UPDATE orders SET limit_price = -1 WHERE order_id = 'O-CHECK'"
    })
    void invalid_orders_are_refused(String update) throws SQLException {
        try (Connection c = db.connect()) {
            execute(c, "INSERT INTO orders (order_id, symbol, side, quantity, order_type, status, submitted_at)"
                    + " VALUES ('O-CHECK', 'CHK', 'buy', 100, 'market', 'submitted', now()) ON CONFLICT DO NOTHING");
            assertThatThrownBy(() -> execute(c, update))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(CHECK_VIOLATION));
        }
    }

    @Test
    void every_time_in_force_of_the_domain_is_accepted() throws SQLException {
        try (Connection c = db.connect()) {
            for (String tif : new String[] {"day", "gtc", "ioc", "fok", "opg", "cls"}) {
                execute(c, "INSERT INTO orders (order_id, symbol, side, quantity, order_type, time_in_force,"
                        + " limit_price, status, submitted_at) VALUES ('O-TIF-" + tif + "', 'TIF', 'sell', 1,"
                        + " 'limit', '" + tif + "', 10, 'pending', now())");
            }
            assertThat(strings(c, "SELECT count(*) FROM orders WHERE symbol = 'TIF'")).containsExactly("6");
        }
    }
}
