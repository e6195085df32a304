package dev.tradingcore.bootstrap.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tradingcore.adapters.alerting.RoutingAlertSink;
import dev.tradingcore.application.health.Condition;
import dev.tradingcore.application.health.HealthCheck;
import dev.tradingcore.application.health.HealthMonitor;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.config.SettingsLoader;
import dev.tradingcore.bootstrap.monitoring.ConfiguredAlerts;
import dev.tradingcore.domain.port.AlertSeverity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
import org.slf4j.LoggerFactory;

/**
 * PagerDuty as configured ({@code ALERTS_PAGERDUTY_*}) behind the health monitor: a local HTTP server stands in for
 * the Events API v2, and a threshold is breached for many monitoring rounds, then clears.
 */
@Timeout(60)
class PagerDutyPagingTest {

    private static final String ROUTING_KEY = "e93facc04764012d7bfb002500d5d1a6";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

    private HttpServer pagerDuty;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        pagerDuty = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pagerDuty.createContext("/v2/enqueue", exchange -> {
            events.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"status\":\"success\",\"message\":\"Event processed\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        pagerDuty.start();
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        pagerDuty.stop(0);
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    /** A replication lag check whose finding the test sets. */
    private static final class Lag implements HealthCheck {
        volatile boolean lagging;

        @Override
        public String name() {
            return "replication-lag";
        }

        @Override
        public boolean needsDatabase() {
            return false;
        }

        @Override
        public List<Condition> check() {
            return lagging ? List.of(new Condition("replication-lag", AlertSeverity.CRITICAL, "Replication lag",
                    "replica 14 s behind, threshold 10 s", Map.of("replica", "replica-1"))) : List.of();
        }
    }

    @Test
    void a_breach_over_thirty_rounds_is_one_trigger_and_one_resolve_with_one_dedup_key() throws Exception {
        Settings settings = SettingsLoader.of(Optional.empty(), Map.of(), Map.of(
                "ALERTS_PAGERDUTY_ROUTING_KEY", ROUTING_KEY,
                "ALERTS_PAGERDUTY_EVENTS_URL", "http://127.0.0.1:" + pagerDuty.getAddress().getPort()
                        + "/v2/enqueue")).load();
        Lag lag = new Lag();
        String described;
        try (RoutingAlertSink alerts = ConfiguredAlerts.from(settings.alerts(), CLOCK);
                HealthMonitor monitor = new HealthMonitor(List.of(lag), alerts, CLOCK, () -> true,
                        Duration.ofSeconds(30))) {
            described = ConfiguredAlerts.describe(alerts) + settings + settings.alerts();
            monitor.tick();
            lag.lagging = true;
            for (int round = 0; round < 30; round++) {
                monitor.tick();
            }
            lag.lagging = false;
            for (int round = 0; round < 3; round++) {
                monitor.tick();
            }
        }
        // Closing the sink drained its queue.
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> received = events.stream().map(body -> {
            try {
                return json.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError(body, e);
            }
        }).toList();
        assertThat(received).extracting(e -> e.get("event_action").asText()).containsExactly("trigger", "resolve");
        assertThat(received).extracting(e -> e.get("dedup_key").asText())
                .containsOnly("trading-core/health/replication-lag");
        assertThat(received).extracting(e -> e.get("routing_key").asText()).containsOnly(ROUTING_KEY);
        assertThat(received.get(0).get("payload").get("severity").asText()).isEqualTo("critical");
        assertThat(received.get(0).get("payload").get("custom_details").get("replica").asText())
                .isEqualTo("replica-1");

        StringBuilder printed = new StringBuilder(described);
        logs.list.forEach(e -> printed.append(e.getFormattedMessage()).append('\n'));
        assertThat(printed).as("what was logged and described").contains("Replication lag")
                .contains("PagerDutyAlertSink")
                .doesNotContain(ROUTING_KEY);
    }
}
