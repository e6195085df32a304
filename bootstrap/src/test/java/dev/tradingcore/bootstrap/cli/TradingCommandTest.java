package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code trading enable|disable|status}: the switch turned by a person, stored and audited with who and why. */
class TradingCommandTest {

    private String database;

    @BeforeEach
    void freshDatabase() {
        database = TemplateDatabase.createFresh();
    }

    @AfterEach
    void dropIt() {
        TemplateDatabase.drop(database);
    }

    private DatabaseCli.Run trading(String... args) {
        List<String> all = new ArrayList<>(List.of("trading"));
        all.addAll(List.of(args));
        return DatabaseCli.run(database, all.toArray(String[]::new));
    }

    private String one(String sql) throws SQLException {
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void a_person_turns_trading_off_and_on_with_who_and_why_in_the_audit_trail() throws SQLException {
        DatabaseCli.Run off = trading("disable", "--reason", "broker outage", "--by", "ana");
        assertThat(off.code()).as("%s", off).isZero();
        assertThat(off.out()).contains("trading disabled since").contains("broker outage");
        assertThat(one("SELECT value->>'enabled' FROM system_state WHERE key = 'trading_enabled'")).isEqualTo("false");
        assertThat(one("SELECT user_id || ': ' || (details->>'reason') FROM audit_log WHERE action = 'trading_disabled'"))
                .isEqualTo("ana: broker outage");

        DatabaseCli.Run on = trading("enable", "--reason", "broker back", "--by", "bob");
        assertThat(on.code()).as("%s", on).isZero();
        assertThat(one("SELECT value->>'enabled' FROM system_state WHERE key = 'trading_enabled'")).isEqualTo("true");
        assertThat(one("SELECT user_id FROM audit_log WHERE action = 'trading_enabled'")).isEqualTo("bob");

        DatabaseCli.Run status = trading("status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("trading enabled since").contains("broker back");
    }

    @Test
    void turning_it_without_a_reason_or_with_an_unknown_action_is_a_usage_error_that_changes_nothing()
            throws SQLException {
        DatabaseCli.Run noReason = trading("disable");
        assertThat(noReason.code()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason is required");
        DatabaseCli.Run unknown = trading("pause", "--reason", "x");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("ACTION must be enable, disable or status");
        assertThat(one("SELECT count(*) FROM audit_log WHERE action LIKE 'trading_%'")).isEqualTo("0");
    }
}
