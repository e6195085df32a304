package dev.tradingcore.adapters.postgres.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.json.MalformedStoredJsonException;
import dev.tradingcore.adapters.postgres.testing.Explain;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.audit.AuditLogContract;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.OrderId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit log contract on PostgreSQL, every statement run as {@code trading_app} (which may only INSERT and SELECT
 * audit rows), read back through {@link AuditTrail}; and the rows themselves.
 */
class MyBatisAuditLogTest extends AuditLogContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();


    @Override
    protected AuditLog log() {
        return new MyBatisAuditLog(db.sessions());
    }

    @Override
    protected List<AuditEvent> eventsOfOrder(OrderId orderId) {
        return new AuditTrail(db.sessions()).ofOrder(orderId);
    }

    @Test
    void a_row_holds_the_details_as_a_json_object_of_strings_and_the_generated_order_id() throws Exception {
        log().append(new AuditEvent(T, "execution", "fill_applied",
                AuditEvent.details("order_id", "aud-row-1", "price", "10.50000000", "note", "a, \"b\""),
                Option.none(), Option.some("s-1"), AuditSeverity.CRITICAL));

        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT details ->> 'price', jsonb_typeof(details -> 'price'),"
                        + " details ->> 'note', order_id, severity, user_id, session_id, component, action"
                        + " FROM audit_log WHERE details ->> 'order_id' = 'aud-row-1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("10.50000000");
            assertThat(rs.getString(2)).isEqualTo("string");
            assertThat(rs.getString(3)).isEqualTo("a, \"b\"");
            assertThat(rs.getString("order_id")).isEqualTo("aud-row-1");
            assertThat(rs.getString("severity")).isEqualTo("critical");
            assertThat(rs.getString("user_id")).isNull();
            assertThat(rs.getString("session_id")).isEqualTo("s-1");
            assertThat(rs.getString("component")).isEqualTo("execution");
            assertThat(rs.getString("action")).isEqualTo("fill_applied");
        }
    }

    @Test
    void a_batch_takes_ascending_ids_in_its_own_order() throws Exception {
        log().appendAll(List.range(0, 1100).map(i -> event("aud-ids-1", T.plusSeconds(1100 - i), "step-" + i)));

        java.util.List<String> actions = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT action FROM audit_log WHERE order_id = 'aud-ids-1'"
                        + " ORDER BY id")) {
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        }
        assertThat(actions).hasSize(1100);
        assertThat(actions).containsExactlyElementsOf(List.range(0, 1100).map(i -> "step-" + i));
    }

    /**
     * A batch is one transaction: when the database refuses one row (here a trigger, as a full disk or a lost
     * connection would refuse the commit), none of the batch is stored.
     */
    @Test
    void a_batch_the_database_refuses_one_row_of_stores_none_of_it() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE FUNCTION refuse_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'audit row refused by the test'; END $$;
                    CREATE TRIGGER refuse_audit_row BEFORE INSERT ON audit_log FOR EACH ROW
                        WHEN (NEW.action = 'refused') EXECUTE FUNCTION refuse_audit_row();
                    """);
        }
        List<AuditEvent> batch = List.range(0, 700).map(i -> event("aud-atomic-1", T, "step-" + i))
                .append(event("aud-atomic-1", T, "refused"));

        assertThatThrownBy(() -> log().appendAll(batch)).hasStackTraceContaining("audit row refused by the test");

        assertThat(eventsOfOrder(OrderId.of("aud-atomic-1"))).isEmpty();
    }

    @Test
    void the_events_of_an_order_are_read_through_the_generated_columns_index() {
        String plan = Explain.plan(db.sessions(), AuditMapper.class.getName() + ".findByOrderId",
                Map.of("orderId", "any-order"), "COSTS OFF", "SET LOCAL enable_seqscan = off");

        assertThat(plan).as(plan).containsPattern("Index Scan (Backward )?using audit_log_\\w*order_id\\w*");
    }

    @Test
    void details_that_are_not_strings_are_an_error_naming_the_row() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO audit_log (component, action, details) VALUES ('x', 'y',"
                    + " '{\"order_id\": \"aud-bad-1\", \"quantity\": 5}')");
        }

        assertThatThrownBy(() -> eventsOfOrder(OrderId.of("aud-bad-1")))
                .isInstanceOf(MalformedStoredJsonException.class)
                .hasMessageContaining("audit_log row")
                .hasMessageContaining("'quantity' must be a JSON string");
    }
}
