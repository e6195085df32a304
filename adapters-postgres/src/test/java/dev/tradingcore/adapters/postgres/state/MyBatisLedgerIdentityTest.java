package dev.tradingcore.adapters.postgres.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.json.MalformedStoredJsonException;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.state.LedgerIdentity;
import dev.tradingcore.domain.state.LedgerIdentityContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger identity contract on PostgreSQL, every statement run as {@code trading_app}: the rows of V9 start as JSON
 * null, the id is given once even to concurrent first callers, and a malformed binding is refused with its key.
 */
class MyBatisLedgerIdentityTest extends LedgerIdentityContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

    private final MyBatisLedgerIdentity identity =
            new MyBatisLedgerIdentity(db.sessions(), Clock.fixed(NOW, ZoneOffset.UTC));

    /** Back to the rows as V9 writes them: each test starts on a ledger no core has started on. */
    @BeforeEach
    void asMigrated() throws SQLException {
        admin("UPDATE system_state SET value = 'null'::jsonb WHERE key IN ('ledger_id', 'broker_account')");
        admin("DELETE FROM audit_log WHERE component = 'ledger'");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = db.adminDataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    protected LedgerIdentity identity() {
        return identity;
    }

    @Override
    protected List<String> bindingAuditLines() {
        List<String> actions = new ArrayList<>();
        try (Connection c = db.adminDataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT action FROM audit_log WHERE component = 'ledger' ORDER BY id")) {
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return actions;
    }

    @Test
    void migration_writes_both_keys_as_json_null() throws SQLException {
        try (Connection c = db.adminDataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT key, value::text FROM system_state"
                        + " WHERE key IN ('ledger_id', 'broker_account') ORDER BY key")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "=" + rs.getString(2));
            }
            assertThat(rows).containsExactly("broker_account=null", "ledger_id=null");
        }
    }

    @Test
    void concurrent_first_starts_agree_on_one_id() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<String> call = identity::ledgerId;
                ids.add(pool.submit(call));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(1);
            assertThat(distinct.iterator().next()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_malformed_binding_is_refused_naming_its_key() throws SQLException {
        admin("UPDATE system_state SET value = '{\"account\": \"a\"}'::jsonb WHERE key = 'broker_account'");

        assertThatThrownBy(identity::binding).isInstanceOf(MalformedStoredJsonException.class)
                .hasMessageContaining("broker_account");
    }
}
