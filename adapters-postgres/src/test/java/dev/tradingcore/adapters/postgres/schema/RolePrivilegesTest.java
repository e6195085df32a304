package dev.tradingcore.adapters.postgres.schema;

import static dev.tradingcore.adapters.postgres.schema.Rows.count;
import static dev.tradingcore.adapters.postgres.schema.Rows.execute;
import static dev.tradingcore.adapters.postgres.schema.Rows.insertOrder;
import static dev.tradingcore.adapters.postgres.schema.Rows.insertTrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Least privilege, checked by acting as each role ({@code SET ROLE} from the test superuser): the application does
 * the DML it needs and can never change or remove audit rows; analytics only reads.
 */
class RolePrivilegesTest {

    private static final String PERMISSION_DENIED = "42501";

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE audit_log SET action = 'tampered'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "UPDATE audit_log_default SET action = 'tampered'",
        "DELETE FROM audit_log_default",
        "TRUNCATE audit_log_default"
    })
    void the_application_cannot_change_or_remove_audit_rows(String statement) throws SQLException {
        try (Connection c = db.connect()) {
            execute(c, "INSERT INTO audit_log (component, action, details) VALUES ('test', 'kept', '{}')");
            long before = count(c, "SELECT count(*) FROM audit_log");
            c.setAutoCommit(false);
            try {
                execute(c, "SET LOCAL ROLE trading_app");
                assertThatThrownBy(() -> execute(c, statement))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied for table audit_log")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(PERMISSION_DENIED));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            assertThat(count(c, "SELECT count(*) FROM audit_log")).isEqualTo(before);
        }
    }

    @Test
    void the_application_appends_audit_rows_and_finds_those_of_an_order() throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL ROLE trading_app");
                int inserted = st.executeUpdate("INSERT INTO audit_log (component, action, details)"
                        + " VALUES ('oms', 'order_submitted', '{\"order_id\": \"O-AUDIT\", \"qty\": 5}')");
                assertThat(inserted).isEqualTo(1);
                assertThat(count(c, "SELECT count(*) FROM audit_log WHERE order_id = 'O-AUDIT'")).isEqualTo(1);
                assertThat(count(c, "SELECT count(*) FROM audit_log WHERE details @> '{\"order_id\": \"O-AUDIT\"}'"))
                        .isEqualTo(1);
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void the_application_records_orders_trades_and_positions_and_runs_maintenance() throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                execute(c, "SET LOCAL ROLE trading_app");
                insertOrder(c, "O-APP", "AAPL");
                execute(c, "UPDATE orders SET status = 'filled', filled_quantity = 100, filled_notional = 15000,"
                        + " filled_avg_price = 150 WHERE order_id = 'O-APP'");
                assertThat(insertTrade(c, "T-APP", "O-APP", "100", "2026-11-23T15:00:00Z")).isEqualTo(1);
                assertThat(insertTrade(c, "T-APP", "O-APP", "100", "2026-11-23T15:00:00Z")).as("replay").isZero();
                execute(c, """
                        INSERT INTO positions (symbol, quantity, average_price, market_value, unrealized_pnl, cost_basis,
                                               cost_basis_exact)
                            VALUES ('AAPL', 100, 150, 15000, 0, 15000, 15000);
                        UPDATE positions SET market_value = 15100, unrealized_pnl = 100 WHERE symbol = 'AAPL';
                        INSERT INTO risk_snapshots (timestamp, portfolio_value, cash_balance, total_exposure,
                                                    position_count)
                            VALUES (now(), 100000, 85000, 15000, 1);
                        INSERT INTO market_data_cache (symbol, timestamp, price) VALUES ('AAPL', now(), 151);
                        UPDATE system_state SET value = 'false' WHERE key = 'trading_enabled';
                        SELECT count(*) FROM maintain_partitions();
                        """);
                assertThat(count(c, "SELECT count(*) FROM trades WHERE trade_id = 'T-APP'")).isEqualTo(1);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE trades SET quantity = 1",
        "DELETE FROM trades",
        "INSERT INTO trade_ids VALUES ('T-FAKE', now(), 'O', 'AAPL', 'buy', 1, 1)",
        "DELETE FROM trade_ids",
        "DELETE FROM orders",
        "DELETE FROM positions",
        "UPDATE risk_snapshots SET position_count = 0",
        "CREATE TABLE intruder (id int)",
        "ALTER TABLE trades DETACH PARTITION trades_default",
        "INSERT INTO trades_default (trade_id, order_id, symbol, side, quantity, price, timestamp, trade_value)"
                + " VALUES ('T-DIRECT', 'O', 'AAPL', 'buy', 1, 1, now(), 1)"
    })
    void the_application_cannot_rewrite_history_or_change_the_schema(String statement) throws SQLException {
        assertDenied("trading_app", statement);
    }

    /**
     * The application's rights, all of them, as the server reports them (its own grants and PUBLIC's): exactly what
     * the adapters need (each shown needed by {@code ApplicationGrantsTest}) and nothing else, on every table,
     * partition, sequence, function and schema there is, so that a grant added by mistake, a new table the
     * application can write, or a function PUBLIC may call is seen here.
     */
    @Test
    void the_application_has_exactly_the_grants_the_adapters_need() throws SQLException {
        Map<String, String> expected = new TreeMap<>(Map.of(
                "table public.positions", "SELECT,INSERT,UPDATE",
                "table public.orders", "SELECT,INSERT,UPDATE",
                "table public.system_state", "SELECT,INSERT,UPDATE",
                "table public.market_data_cache", "SELECT,INSERT,UPDATE",
                "table public.trades", "SELECT,INSERT",
                "table public.audit_log", "SELECT,INSERT",
                "table public.risk_snapshots", "SELECT,INSERT",
                "table public.trade_ids", "SELECT",
                "table public.audit_batches", "SELECT,INSERT,DELETE",
                // A start checks that no script is pending (SchemaMigratorAsApplicationTest fails without it).
                "table public.flyway_schema_history", "SELECT"));
        expected.putAll(Map.of(
                // The sealer appends blocks; it may never change one (AuditSealerTest).
                "table public.audit_blocks", "SELECT,INSERT",
                "sequence public.positions_id_seq", "USAGE",
                // SELECT: the sealer reads how far ids have been drawn (PostgresAuditSealer).
                "sequence public.audit_log_id_seq", "USAGE,SELECT",
                "sequence public.risk_snapshots_id_seq", "USAGE",
                "function maintain_partitions(timestamp with time zone)", "EXECUTE",
                // PUBLIC's default on the two naming helpers of V3: IMMUTABLE SQL, not SECURITY DEFINER, so they
                // give nothing beyond computing a name.
                "function partition_name(text,text,timestamp with time zone)", "EXECUTE",
                "function partition_period(text,timestamp with time zone)", "EXECUTE",
                "schema public", "USAGE",
                "database", "CONNECT,TEMPORARY",
                "column grants", "0"));
        // backup records its runs with the configured login; the core reads them for the backup-age metric.
        expected.put("table public.backup_runs", "SELECT,INSERT");
        Map<String, String> actual = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT 'table ' || n.nspname || '.' || c.relname,
                               array_to_string(ARRAY(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE',
                                   'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
                                   WHERE has_table_privilege('trading_app', c.oid, p)), ',')
                          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname IN ('public', 'archive') AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                        UNION ALL
                        SELECT 'sequence ' || n.nspname || '.' || c.relname,
                               array_to_string(ARRAY(SELECT p FROM unnest(ARRAY['USAGE', 'SELECT', 'UPDATE']) p
                                   WHERE has_sequence_privilege('trading_app', c.oid, p)), ',')
                          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname IN ('public', 'archive') AND c.relkind = 'S'
                        UNION ALL
                        SELECT 'function ' || p.oid::regprocedure::text,
                               CASE WHEN has_function_privilege('trading_app', p.oid, 'EXECUTE') THEN 'EXECUTE'
                                    ELSE '' END
                          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                         WHERE n.nspname IN ('public', 'archive')
                        UNION ALL
                        SELECT 'schema ' || n.nspname,
                               array_to_string(ARRAY(SELECT p FROM unnest(ARRAY['USAGE', 'CREATE']) p
                                   WHERE has_schema_privilege('trading_app', n.oid, p)), ',')
                          FROM pg_namespace n WHERE n.nspname IN ('public', 'archive')
                        UNION ALL
                        SELECT 'database', array_to_string(ARRAY(SELECT p FROM unnest(ARRAY['CONNECT', 'CREATE',
                                   'TEMPORARY']) p WHERE has_database_privilege('trading_app', current_database(), p)),
                                   ',')
                        UNION ALL
                        SELECT 'column grants', count(*)::text FROM pg_attribute a
                          JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname IN ('public', 'archive') AND a.attacl IS NOT NULL
                        """)) {
            while (rs.next()) {
                actual.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(actual.keySet()).as("the objects the expectations name exist").containsAll(expected.keySet());
        Map<String, String> nothingElse = new TreeMap<>(actual);
        nothingElse.replaceAll((name, privileges) -> expected.getOrDefault(name, ""));
        assertThat(actual).as("trading_app's rights on every object (none where not named)").isEqualTo(nothingElse);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO system_state (key, value) VALUES ('x', '1')",
        "UPDATE positions SET quantity = 0",
        "INSERT INTO audit_log (component, action, details) VALUES ('x', 'y', '{}')",
        "DELETE FROM orders",
        "SELECT maintain_partitions()"
    })
    void analytics_can_only_read(String statement) throws SQLException {
        assertDenied("trading_readonly", statement);
    }

    @Test
    void analytics_reads_every_table_and_partition() throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                execute(c, "SET LOCAL ROLE trading_readonly");
                for (String table : new String[] {"positions", "orders", "trades", "trade_ids", "audit_log",
                    "risk_snapshots", "market_data_cache", "system_state", "trades_default", "audit_log_default"}) {
                    assertThat(count(c, "SELECT count(*) FROM " + table)).as(table).isNotNegative();
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void the_three_roles_are_group_roles_and_the_owner_owns_the_schema() throws SQLException {
        try (Connection c = db.connect()) {
            assertThat(count(c, "SELECT count(*) FROM pg_roles WHERE rolname IN ('trading_owner', 'trading_app',"
                    + " 'trading_readonly') AND NOT rolcanlogin AND NOT rolsuper")).isEqualTo(3);
            assertThat(count(c, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname IN ('public', 'archive') AND c.relkind IN ('r', 'p', 'S', 'i', 'I')"
                    + " AND c.relname NOT LIKE 'flyway_schema_history%'"
                    + " AND pg_get_userbyid(c.relowner) <> 'trading_owner'")).as("objects not owned").isZero();
            assertThat(count(c, "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
                    + " AND pg_get_userbyid(proowner) <> 'trading_owner'")).as("functions not owned").isZero();
        }
    }

    private static void assertDenied(String role, String statement) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                execute(c, "SET LOCAL ROLE " + role);
                assertThatThrownBy(() -> execute(c, statement))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                .as("%s: %s", statement, e.getMessage())
                                .isEqualTo(PERMISSION_DENIED));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }
}
