package dev.tradingcore.bootstrap.monitoring;

import dev.tradingcore.application.health.*;
import dev.tradingcore.adapters.postgres.monitoring.PostgresActivity;
import dev.tradingcore.adapters.postgres.monitoring.LocalDiskSpace;
import dev.tradingcore.domain.port.DatabaseActivity;
import dev.tradingcore.domain.port.DiskSpace;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.config.SettingsLoader;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A core started from configuration sends each alert to the webhook and to e-mail from their configured severities
 * on (the log gets all), and runs the health monitor.
 */
@Timeout(120)
class CoreAlertingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

    private String database;
    private HttpServer pager;
    private SmtpRecorder relay;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        database = TemplateDatabase.createEmpty();
        pager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pager.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        pager.start();
        relay = new SmtpRecorder();
    }

    @AfterEach
    void stop() throws Exception {
        pager.stop(0);
        relay.close();
        TemplateDatabase.drop(database);
    }

    /**
     * Both remote routes of the configuration, with the core's own alert sink: the webhook takes HIGH and worse, e-mail
     * WARNING and worse, the log everything. One alert of each severity is raised through the core's sink, besides
     * the HIGH alert the core raises itself when trading is switched off.
     */
    @Test
    void alerts_reach_the_webhook_and_the_mail_relay_from_their_configured_severity_on_and_the_monitor_ticks()
            throws Exception {
        Settings settings = SettingsLoader.of(Optional.empty(), Map.of(), Map.of(
                "ALERTS_WEBHOOK_URL", "http://127.0.0.1:" + pager.getAddress().getPort() + "/pager",
                "ALERTS_WEBHOOK_TOKEN", "pager-token",
                "ALERTS_WEBHOOK_MIN_SEVERITY", "HIGH",
                "ALERTS_SMTP_HOST", "127.0.0.1",
                "ALERTS_SMTP_PORT", Integer.toString(relay.port()),
                "ALERTS_EMAIL_FROM", "core@test.local",
                "ALERTS_EMAIL_TO", "desk@test.local,risk@test.local",
                "ALERTS_EMAIL_MIN_SEVERITY", "WARNING",
                "MONITORING_INTERVAL", "50ms")).load().withDatabase(PostgresServer.get().urlOf(database));
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(21), CLOCK);

        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker).clock(CLOCK).start()) {
            core.controls().turn(true, "session");
            core.controls().turn(false, "end of test session");
            AlertSink sink = core.component(AlertSink.class);
            for (AlertSeverity severity : AlertSeverity.values()) {
                sink.send(Alert.of(severity, "Test alert " + severity, "raised by the test", CLOCK.instant()));
            }

            HealthMonitor monitor = core.component(HealthMonitor.class);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!monitor.describe().matches("ticks=[1-9].*") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(monitor.describe()).as("started with the core").matches("ticks=[1-9].*");
        }
        // Closing the core drained the senders' queues.
        assertThat(titles(received)).as("the webhook: HIGH and worse")
                .containsExactly("Test alert HIGH", "Test alert CRITICAL");
        assertThat(received).anySatisfy(body -> assertThat(body).contains("\"severity\":\"HIGH\"")
                .contains("\"title\":\"Trading disabled\"").contains("end of test session"));
        assertThat(received).as("nothing below HIGH reaches the pager")
                .noneMatch(b -> b.contains("\"severity\":\"INFO\"") || b.contains("\"severity\":\"WARNING\""));
        assertThat(authorizations).containsOnly("Bearer pager-token");

        List<String> mailed = relay.mails().stream().map(SmtpRecorder.Mail::data)
                .filter(data -> data.contains("Test alert")).toList();
        assertThat(titles(mailed)).as("e-mail: WARNING and worse")
                .containsExactly("Test alert WARNING", "Test alert HIGH", "Test alert CRITICAL");
        assertThat(relay.mails()).allSatisfy(mail -> {
            assertThat(mail.from()).contains("core@test.local");
            assertThat(mail.to()).containsExactly("<desk@test.local>", "<risk@test.local>");
        });
    }

    /** The test's alert titles found in the messages, in the order of the messages. */
    private static List<String> titles(List<String> messages) {
        java.util.regex.Pattern title = java.util.regex.Pattern.compile("Test alert (INFO|WARNING|HIGH|CRITICAL)");
        List<String> found = new java.util.ArrayList<>();
        for (String message : messages) {
            java.util.regex.Matcher m = title.matcher(message);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }
}
