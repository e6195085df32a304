package dev.tradingcore.bootstrap.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every alert a trading core raises is also a row of the audit trail ({@code alert_raised}, {@code alert_resolved}),
 * on a real PostgreSQL: the ones raised while the core starts, a one-off alert, and an incident raised over many
 * rounds and resolved, whose repeats raise no alert and so no row.
 */
@Timeout(120)
class AlertsOnTheAuditTrailTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

    private String database;
    private final List<Alert> sent = new CopyOnWriteArrayList<>();

    @BeforeEach
    void emptyDatabase() {
        database = TemplateDatabase.createEmpty();
    }

    @AfterEach
    void dropDatabase() {
        TemplateDatabase.drop(database);
    }

    @Test
    void every_alert_is_on_the_audit_trail_with_its_severity_title_and_incident() throws Exception {
        Settings settings = Settings.fromEnvironment().withDatabase(PostgresServer.get().urlOf(database));
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(5), CLOCK);
        AlertSink recording = sent::add;
        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker).alerts(recording)
                .clock(CLOCK).backgroundJobs(false).monitoring(false).start()) {
            AlertSink sink = core.component(AlertSink.class);
            sink.send(Alert.of(AlertSeverity.WARNING, "Broker slow", "the broker took 4 s to answer",
                    CLOCK.instant()));
            Incidents incidents = core.component(Incidents.class);
            for (int round = 0; round < 12; round++) {
                incidents.raise("test/replication-lag", AlertSeverity.CRITICAL, "Replication lag",
                        "replica 14 s behind");
            }
            incidents.resolve("test/replication-lag", "replica caught up");
        }
        // Closing the core flushed the audit logger.
        List<Map<String, String>> raised = audit("alert_raised");
        List<Map<String, String>> resolved = audit("alert_resolved");
        List<Alert> resolving = sent.stream().filter(Alert::resolvesIncident).toList();
        assertThat(raised.size() + resolved.size()).as("one row per alert the sink was given: " + titles())
                .isEqualTo(sent.size());
        assertThat(resolved.size()).isEqualTo(resolving.size());
        assertThat(raised).filteredOn(d -> "Broker slow".equals(d.get("title"))).singleElement()
                .satisfies(d -> {
                    assertThat(d.get("severity")).isEqualTo("WARNING");
                    assertThat(d.get("message")).isEqualTo("the broker took 4 s to answer");
                    assertThat(d.get("audit_severity")).isEqualTo("warning");
                });
        assertThat(raised).filteredOn(d -> "test/replication-lag".equals(d.get("incident")))
                .as("twelve rounds, one alert, one row").singleElement()
                .satisfies(d -> assertThat(d.get("severity")).isEqualTo("CRITICAL"));
        assertThat(resolved).filteredOn(d -> "test/replication-lag".equals(d.get("incident"))).singleElement()
                .satisfies(d -> {
                    assertThat(d.get("title")).isEqualTo("Resolved: Replication lag");
                    assertThat(d.get("occurrences")).isEqualTo("12");
                });
    }

    private String titles() {
        return sent.stream().map(Alert::title).toList().toString();
    }

    /** The details of each audit row of {@code action} (component alerting), with its severity as audit_severity. */
    private List<Map<String, String>> audit(String action) throws Exception {
        Map<Long, Map<String, String>> rows = new TreeMap<>();
        try (Connection c = PostgresServer.get().connect(database); PreparedStatement st = c.prepareStatement(
                "SELECT a.id, a.severity, d.key, d.value FROM audit_log a, jsonb_each_text(a.details) d"
                        + " WHERE a.action = ? AND a.component = 'alerting'")) {
            st.setString(1, action);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> row = rows.computeIfAbsent(rs.getLong(1), id -> new TreeMap<>());
                    row.put(rs.getString(3), rs.getString(4));
                    row.put("audit_severity", rs.getString(2));
                }
            }
        }
        return new ArrayList<>(rows.values());
    }
}
