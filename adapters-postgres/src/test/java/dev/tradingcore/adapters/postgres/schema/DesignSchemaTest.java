package dev.tradingcore.adapters.postgres.schema;

import static dev.tradingcore.adapters.postgres.schema.Rows.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Everything the persistence-layer design asks for exists in the migrated database, minus the deviations recorded
 * in docs/design-notes.md (section "Schema"), which this test also checks are written down.
 */
class DesignSchemaTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    /** The design's columns with their types, "name type [not null]"; average_price lost its NOT NULL (flat). */
    private static final Map<String, List<String>> DESIGN_COLUMNS = Map.of(
            "positions", List.of("id bigint not null", "symbol character varying(20) not null",
                    "quantity numeric(20,8) not null", "average_price numeric(20,8)",
                    "market_value numeric(20,2) not null", "unrealized_pnl numeric(20,2) not null",
                    "cost_basis numeric(20,2) not null", "last_updated timestamp with time zone not null"),
            "orders", List.of("order_id character varying(50) not null", "client_order_id character varying(50)",
                    "symbol character varying(20) not null", "side character varying(10) not null",
                    "quantity numeric(20,8) not null", "order_type character varying(20) not null",
                    "time_in_force character varying(10) not null", "limit_price numeric(20,8)",
                    "stop_price numeric(20,8)", "status character varying(20) not null",
                    "filled_quantity numeric(20,8) not null", "filled_avg_price numeric(20,8)",
                    "submitted_at timestamp with time zone not null", "updated_at timestamp with time zone not null",
                    "filled_at timestamp with time zone", "cancelled_at timestamp with time zone",
                    "error_message text"),
            "trades", List.of("trade_id character varying(50) not null", "order_id character varying(50) not null",
                    "symbol character varying(20) not null", "side character varying(10) not null",
                    "quantity numeric(20,8) not null", "price numeric(20,8) not null",
                    "timestamp timestamp with time zone not null", "commission numeric(20,8) not null",
                    "trade_value numeric(20,2) not null", "liquidity character varying(10)"),
            "audit_log", List.of("id bigint not null", "timestamp timestamp with time zone not null",
                    "component character varying(50) not null", "action character varying(100) not null",
                    "details jsonb not null", "user_id character varying(50)", "session_id character varying(50)",
                    "severity character varying(20) not null"),
            "risk_snapshots", List.of("id bigint not null", "timestamp timestamp with time zone not null",
                    "portfolio_value numeric(20,2) not null", "cash_balance numeric(20,2) not null",
                    "total_exposure numeric(20,2) not null", "var_95 numeric(20,2)", "var_99 numeric(20,2)",
                    "max_drawdown numeric(10,4)", "position_count integer not null",
                    "largest_position_pct numeric(10,4)", "sector_concentration jsonb", "metrics jsonb"),
            "market_data_cache", List.of("symbol character varying(20) not null",
                    "timestamp timestamp with time zone not null", "price numeric(20,8) not null",
                    "bid numeric(20,8)", "ask numeric(20,8)", "volume bigint"),
            "system_state", List.of("key character varying(100) not null", "value jsonb not null",
                    "updated_at timestamp with time zone not null", "description text"));

    /** Columns we add to the design. */
    private static final Map<String, List<String>> ADDED_COLUMNS = Map.of(
            "positions", List.of("realized_pnl numeric(20,2) not null", "total_commission numeric(20,8) not null"),
            "audit_log", List.of("order_id text"),
            "trade_ids", List.of("trade_id character varying(50) not null",
                    "trade_timestamp timestamp with time zone not null", "order_id character varying(50) not null",
                    "symbol character varying(20) not null", "side character varying(10) not null",
                    "quantity numeric(20,8) not null", "price numeric(20,8) not null",
                    "registered_at timestamp with time zone not null"));

    /** The design's indexes (schema and Performance Optimization sections) that exist under their own name. */
    private static final List<String> DESIGN_INDEXES = List.of("idx_positions_last_updated", "idx_orders_status",
            "idx_orders_submitted_at", "idx_orders_active", "idx_orders_symbol_status_timestamp",
            "idx_trades_order_id", "idx_trades_timestamp", "idx_trades_symbol_timestamp", "idx_audit_log_timestamp",
            "idx_audit_log_action", "idx_audit_log_severity", "idx_audit_log_details");

    /** Design objects deliberately absent; each is explained in docs/design-notes.md under its name. */
    private static final List<String> DEVIATIONS = List.of("idx_positions_symbol", "idx_positions_symbol_cover",
            "positions_quantity_valid", "position_symbol", "idx_orders_symbol", "idx_orders_symbol_status",
            "idx_trades_symbol", "idx_audit_log_component", "idx_audit_recent_component",
            "idx_risk_snapshots_timestamp", "idx_risk_snapshots_recent", "idx_market_data_symbol_timestamp",
            "idx_market_data_recent", "trades_2025_q1", "audit_log_2025_10", "create_partition_if_not_exists");

    /** Indexes replacing design ones, or serving new needs. */
    private static final List<String> ADDED_INDEXES = List.of("idx_audit_log_component_timestamp",
            "idx_audit_log_order_id", "idx_market_data_timestamp");

    @Test
    void every_design_column_exists_with_its_type_and_nullability() throws SQLException {
        try (Connection c = db.connect()) {
            for (var table : DESIGN_COLUMNS.entrySet()) {
                // Later migrations may add columns; none may drop or retype a design column.
                assertThat(columns(c, table.getKey())).as(table.getKey()).containsAll(table.getValue());
            }
            assertThat(columns(c, "trade_ids")).containsExactlyInAnyOrderElementsOf(ADDED_COLUMNS.get("trade_ids"));
            assertThat(columns(c, "positions")).containsAll(ADDED_COLUMNS.get("positions"));
            assertThat(columns(c, "audit_log")).containsAll(ADDED_COLUMNS.get("audit_log"));
        }
    }

    @Test
    void every_design_index_exists_and_the_deviations_do_not() throws SQLException {
        try (Connection c = db.connect()) {
            List<String> indexes = strings(c, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
            assertThat(indexes).containsAll(DESIGN_INDEXES).containsAll(ADDED_INDEXES).doesNotContainAnyElementsOf(
                    DEVIATIONS);
            assertThat(strings(c, "SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_audit_log_details'"))
                    .singleElement().asString().contains("USING gin (details jsonb_path_ops)");
            assertThat(strings(c, "SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_audit_log_severity'"))
                    .singleElement().asString().contains("WHERE").contains("'error'").contains("'warning'");
        }
    }

    @Test
    void every_design_constraint_exists() throws SQLException {
        try (Connection c = db.connect()) {
            List<String> constraints = strings(c, "SELECT conrelid::regclass || '.' || conname || ' ' || contype::text"
                    + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conislocal");
            assertThat(constraints).contains(
                    "positions.positions_pkey p", "positions.positions_symbol_unique u",
                    "orders.orders_pkey p", "orders.orders_client_order_id_key u", "orders.orders_side_valid c",
                    "orders.orders_type_valid c", "orders.orders_status_valid c", "orders.orders_quantity_positive c",
                    "orders.orders_filled_quantity_valid c",
                    "trades.trades_pkey p", "trades.trades_order_id_fkey f", "trades.trades_side_valid c",
                    "trades.trades_quantity_positive c", "trades.trades_price_positive c",
                    "audit_log.audit_log_pkey p",
                    "risk_snapshots.risk_snapshots_pkey p", "risk_snapshots.risk_snapshots_timestamp_unique u",
                    "market_data_cache.market_data_cache_pkey p", "system_state.system_state_pkey p");
            assertThat(constraints).as("added").contains("trade_ids.trade_ids_pkey p",
                    "trades.trades_trade_id_registered f", "trades.trades_liquidity_valid c",
                    "positions.positions_average_price_iff_open c", "positions.positions_average_price_positive c",
                    "positions.positions_flat_has_no_exposure c", "orders.orders_time_in_force_valid c",
                    "orders.orders_limit_price_required c", "orders.orders_stop_price_required c");
            assertThat(constraints).noneMatch(k -> k.contains("positions_quantity_valid")
                    || k.contains("position_symbol"));
            assertThat(strings(c, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'trades_pkey'"))
                    .containsExactly("PRIMARY KEY (trade_id, \"timestamp\")");
        }
    }

    @Test
    void trades_audit_and_market_data_are_range_partitioned_by_timestamp_with_a_default() throws SQLException {
        try (Connection c = db.connect()) {
            assertThat(strings(c, "SELECT c.relname || ' ' || pg_get_partkeydef(c.oid) FROM pg_class c"
                    + " WHERE c.relkind = 'p' ORDER BY 1")).containsExactly(
                    "audit_log RANGE (\"timestamp\")", "market_data_cache RANGE (\"timestamp\")",
                    "trades RANGE (\"timestamp\")");
            assertThat(strings(c, "SELECT c.relname FROM pg_class c WHERE c.relispartition"
                    + " AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT' ORDER BY 1")).containsExactly(
                    "audit_log_default", "market_data_cache_default", "trades_default");
        }
    }

    @Test
    void every_design_comment_is_there() throws SQLException {
        try (Connection c = db.connect()) {
            List<String> comments = strings(c, """
                    SELECT c.relname || coalesce('.' || a.attname, '') || ': ' || d.description
                      FROM pg_description d
                      JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
                      LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
                    """);
            assertThat(comments).contains(
                    "positions: Current portfolio positions with real-time market values",
                    "positions.unrealized_pnl: Current P&L based on market price",
                    "orders: Complete order lifecycle tracking for all trading activity",
                    "orders.client_order_id: Internal order ID for deduplication",
                    "trades: Individual trade executions, partitioned by quarter for performance",
                    "trades.liquidity: maker or taker",
                    "audit_log: Complete audit trail for regulatory compliance, partitioned by month",
                    "audit_log.details: JSONB field for flexible event data storage",
                    "risk_snapshots: Periodic risk metrics snapshots (every 5 minutes during trading)",
                    "risk_snapshots.sector_concentration: JSONB mapping of sector -> exposure percentage",
                    "market_data_cache: Recent market data cache to reduce API calls",
                    "system_state: Persistent system configuration and operational state");
            // Extended because flat positions keep their row.
            assertThat(comments).anyMatch(k -> k.startsWith(
                    "positions.quantity: Positive for long positions, negative for short positions, 0 for a flat"));
            assertThat(comments).anyMatch(k -> k.startsWith("positions.realized_pnl: "))
                    .anyMatch(k -> k.startsWith("positions.average_price: "))
                    .anyMatch(k -> k.startsWith("audit_log.order_id: "))
                    .anyMatch(k -> k.startsWith("trade_ids: "));
        }
    }

    @Test
    void system_state_has_the_design_initial_rows() throws SQLException {
        try (Connection c = db.connect()) {
            assertThat(strings(c, "SELECT key || ' = ' || value::text || ' (' || description || ')'"
                    + " FROM system_state ORDER BY key")).containsExactly(
                    // V9's: which ledger this is and which broker account it follows, given at the first start.
                    "broker_account = null (The broker account this ledger's positions come from)",
                    "last_reconciliation = null (Last position reconciliation timestamp)",
                    "ledger_id = null (This ledger's id, given at the first start of a core on this database)",
                    "risk_limits = {\"max_daily_loss\": 5000, \"max_position_size\": 10000} (Risk limit configuration)",
                    "trading_enabled = true (Master trading switch)");
            assertThat(strings(c, "SELECT jsonb_typeof(value) FROM system_state ORDER BY key"))
                    .containsExactly("null", "null", "null", "object", "boolean");
        }
    }

    @Test
    void the_audit_events_of_one_order_are_an_index_lookup() throws SQLException {
        try (Connection c = db.connect()) {
            Rows.execute(c, "SET enable_seqscan = off");
            assertThat(strings(c, "EXPLAIN SELECT * FROM audit_log WHERE order_id = 'O-1' ORDER BY timestamp DESC"))
                    .anyMatch(line -> line.contains("order_id_timestamp_idx") || line.contains("idx_audit_log_order_id"));
            Rows.execute(c, "RESET enable_seqscan");
        }
    }

    @Test
    void every_deviation_is_recorded_in_the_design_notes() throws IOException {
        Path notes = Path.of("..", "docs", "design-notes.md");
        String text = Files.readString(notes);
        String schema = text.substring(text.indexOf("## Schema"));
        for (String deviation : DEVIATIONS) {
            assertThat(schema).as("docs/design-notes.md, section Schema").contains("`" + deviation + "`");
        }
        for (String added : List.of("trade_ids", "realized_pnl", "total_commission", "audit_log.order_id", "23T01",
                "unknown", "maintain_partitions", "trading_owner", "trading_app", "trading_readonly")) {
            assertThat(schema).as("docs/design-notes.md, section Schema").contains(added);
        }
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        return strings(c, "SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                + " || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END FROM pg_attribute a"
                + " WHERE a.attrelid = '" + table + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped");
    }
}
