package dev.tradingcore.adapters.postgres.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.json.MalformedStoredJsonException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.Mappers;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.mybatis.SessionFactories;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.risk.RiskLimits;
import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.state.SystemStateRepositoryContract;
import dev.tradingcore.domain.state.TradingSwitch;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The system state contract on PostgreSQL, every statement run as {@code trading_app}; the initial rows of V5, the
 * documents as stored, and every malformed document refused with the key named.
 */
class MyBatisSystemStateRepositoryTest extends SystemStateRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();


    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

    @Override
    protected SystemStateRepository repository() {
        return new MyBatisSystemStateRepository(db.sessions(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static void store(String key, String json) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO system_state (key, value, updated_at)"
                        + " VALUES (?, ?::jsonb, '2026-01-01T00:00:00Z') ON CONFLICT (key) DO UPDATE"
                        + " SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at")) {
            ps.setString(1, key);
            ps.setString(2, json);
            ps.executeUpdate();
        }
    }

    private static void delete(String key) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("DELETE FROM system_state WHERE key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    @Test
    void a_start_of_day_without_its_halt_reads_as_not_halted_and_a_malformed_one_is_named() throws Exception {
        store("start_of_day", "{\"day\": \"2026-11-23\", \"zone\": \"America/New_York\", \"equity\": 1000000.00,"
                + " \"taken_at\": \"2026-11-23T14:30:00Z\"}");
        assertThat(repository().startOfDay().get().haltedAt().isEmpty()).isTrue();
        assertThat(repository().startOfDay().get().equity()).isEqualTo(Money.of("1000000.00"));

        store("start_of_day", "{\"day\": \"2026-11-23\", \"zone\": \"Mars/Olympus\", \"equity\": 1,"
                + " \"taken_at\": \"2026-11-23T14:30:00Z\", \"halted_at\": null}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repository().startOfDay())
                .isInstanceOf(dev.tradingcore.adapters.postgres.json.MalformedStoredJsonException.class)
                .hasMessageContaining("start_of_day");
        delete("start_of_day");
        assertThat(repository().startOfDay().isEmpty()).isTrue();
    }

    /**
     * The rows migration V5 writes, in a database no test has touched (this class's own database is changed by the
     * other tests): the design's bare {@code true}, its limits and the JSON {@code null}, read as the application.
     */
    @Test
    void the_rows_the_migration_writes_read_as_trading_on_the_designs_limits_and_never_reconciled() throws Exception {
        String fresh = TemplateDatabase.createFresh();
        try (HikariDataSource pool = new HikariDataSource(applicationPool(fresh))) {
            Instant written;
            try (Connection c = PostgresServer.get().connect(fresh); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT string_agg(key || '=' || value::text, '; ' ORDER BY key),"
                            + " max(updated_at) FROM system_state"
                            + " WHERE key IN ('trading_enabled', 'risk_limits', 'last_reconciliation')")) {
                rs.next();
                assertThat(rs.getString(1)).as("V5's rows, as the design has them").isEqualTo("last_reconciliation="
                        + "null; risk_limits={\"max_daily_loss\": 5000, \"max_position_size\": 10000};"
                        + " trading_enabled=true");
                written = rs.getObject(2, OffsetDateTime.class).toInstant();
            }
            SystemStateRepository migrated = new MyBatisSystemStateRepository(
                    SessionFactories.create("fresh", pool, Mappers.ALL), Clock.fixed(NOW, ZoneOffset.UTC));

            assertThat(migrated.tradingSwitch()).isEqualTo(new TradingSwitch(true,
                    MyBatisSystemStateRepository.NO_REASON_RECORDED, written));
            assertThat(migrated.riskLimits())
                    .isEqualTo(Option.some(new RiskLimits(Money.of("10000.00"), Money.of("5000.00"))));
            assertThat(migrated.lastReconciliation().isEmpty()).isTrue();
        } finally {
            TemplateDatabase.drop(fresh);
        }
    }

    private static HikariConfig applicationPool(String database) {
        DatabaseUrl url = PostgresServer.get().applicationUrlOf(database);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(2);
        return config;
    }

    @Test
    void missing_rows_read_as_trading_off_no_limits_and_never_reconciled() throws Exception {
        delete("trading_enabled");
        delete("risk_limits");
        delete("last_reconciliation");

        assertThat(repository().tradingSwitch().enabled()).isFalse();
        assertThat(repository().riskLimits().isEmpty()).isTrue();
        assertThat(repository().lastReconciliation().isEmpty()).isTrue();
    }

    @Test
    void a_write_stores_a_self_describing_document_and_the_clocks_time() throws Exception {
        delete("trading_enabled");
        repository().saveTradingSwitch(TradingSwitch.off("halted by \"risk\"", Instant.parse("2026-11-24T07:59:00Z")));
        repository().saveRiskLimits(new RiskLimits(Money.of("10000"), Money.of("5000.5")));
        repository().saveLastReconciliation(Instant.parse("2026-11-24T07:30:00Z"));

        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT key, value::text, updated_at, description FROM system_state"
                        + " WHERE key IN ('trading_enabled', 'risk_limits', 'last_reconciliation') ORDER BY key")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("key")).isEqualTo("last_reconciliation");
            assertThat(rs.getString("value")).isEqualTo("\"2026-11-24T07:30:00Z\"");
            assertThat(rs.getObject("updated_at", OffsetDateTime.class).toInstant()).isEqualTo(NOW);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("value"))
                    .isEqualTo("{\"max_daily_loss\": 5000.50, \"max_position_size\": 10000.00}");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("value")).isEqualTo("{\"reason\": \"halted by \\\"risk\\\"\", \"enabled\": false,"
                    + " \"changed_at\": \"2026-11-24T07:59:00Z\"}");
            assertThat(rs.getString("description")).as("a new row is described").isEqualTo("Master trading switch");
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "trading_enabled     | '\"yes\"'                                                       | trading_enabled",
        "trading_enabled     | '{\"enabled\": true}'                                           | missing [reason, changed_at]",
        "trading_enabled     | '{\"enabled\": 1, \"reason\": \"r\", \"changed_at\": \"2026-01-01T00:00:00Z\"}' | 'enabled' must be true or false",
        "trading_enabled     | '{\"enabled\": true, \"reason\": \"r\", \"changed_at\": \"today\"}' | 'today' is not an ISO-8601 instant",
        "risk_limits         | '{\"max_position_size\": 10000}'                                | missing [max_daily_loss]",
        "risk_limits         | '{\"max_position_size\": 1, \"max_daily_loss\": 1, \"max_orders\": 5}' | unknown [max_orders]",
        "risk_limits         | '{\"max_position_size\": \"10000\", \"max_daily_loss\": 5000}'  | 'max_position_size' must be a JSON number",
        "risk_limits         | '{\"max_position_size\": 10000.001, \"max_daily_loss\": 5000}'  | more than 2 decimal places",
        "risk_limits         | '{\"max_position_size\": -1, \"max_daily_loss\": 5000}'         | must be a positive amount",
        "risk_limits         | '[10000, 5000]'                                                 | expected a JSON object",
        "last_reconciliation | '1700000000'                                                    | expected an ISO-8601 instant",
        "last_reconciliation | '\"yesterday\"'                                                 | 'yesterday' is not an ISO-8601 instant"
    })
    void a_malformed_document_is_an_error_naming_its_key(String key, String json, String problem) throws Exception {
        store(key, json);
        Supplier<Object> read = switch (key) {
            case "trading_enabled" -> repository()::tradingSwitch;
            case "risk_limits" -> repository()::riskLimits;
            default -> repository()::lastReconciliation;
        };

        assertThatThrownBy(read::get)
                .isInstanceOf(MalformedStoredJsonException.class)
                .hasMessageContaining("system_state key " + key)
                .hasMessageContaining(problem);
    }
}
