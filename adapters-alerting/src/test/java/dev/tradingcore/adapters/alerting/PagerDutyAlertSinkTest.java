package dev.tradingcore.adapters.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import io.vavr.collection.LinkedHashMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** The PagerDuty sink against a local HTTP server standing in for the Events API v2. */
@Timeout(60)
class PagerDutyAlertSinkTest {

    /** The shape of a PagerDuty integration key: 32 characters. */
    private static final String ROUTING_KEY = "R0UT1NGK3Y0123456789abcdefABCDEF";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private static DeliverySettings fast() {
        return DeliverySettings.defaults().withAttempts(4, Duration.ofMillis(20), Duration.ofMillis(80))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private static PagerDutySettings settings(RecordingHttpServer server) {
        return new PagerDutySettings(server.url("/v2/enqueue"), ROUTING_KEY, "trading-host-1");
    }

    /** An alert of incident {@code key} as the core's Incidents sends it. */
    private static Alert incident(String key, String state, AlertSeverity severity, String title) {
        return new Alert(severity, title, "p99 250 ms over 30 s, threshold 100 ms", CLOCK.instant(),
                LinkedHashMap.of("condition", "write-latency", "incident", key, "incident_state", state));
    }

    private String allOutput(PagerDutyAlertSink sink, GroupedAlerts grouped) {
        StringBuilder out = new StringBuilder(sink.toString()).append(grouped).append(sink.stats());
        logs.list.forEach(e -> out.append(e.getFormattedMessage()).append('\n'));
        return out.toString();
    }

    @Test
    void a_condition_over_many_rounds_is_one_trigger_and_one_resolve_with_the_same_dedup_key() throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answeringWith(n -> new RecordingHttpServer.Answer(202,
                        "{\"status\":\"success\",\"message\":\"Event processed\"}"));
                PagerDutyAlertSink sink = PagerDutyAlertSink.start(settings(server), fast())) {
            GroupedAlerts pager = new GroupedAlerts(AlertSeverity.CRITICAL, sink, CLOCK, 10);
            // Twenty monitoring rounds find the same condition; each offers the incident's alert again.
            for (int round = 0; round < 20; round++) {
                pager.send(incident("health/write-latency", "raised", AlertSeverity.CRITICAL, "Write latency high"));
            }
            pager.send(incident("health/write-latency", "resolved", AlertSeverity.INFO,
                    "Resolved: Write latency high"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            List<JsonNode> events = server.requests().stream().map(r -> read(r.body())).toList();
            assertThat(events).extracting(e -> e.get("event_action").asText()).containsExactly("trigger", "resolve");
            assertThat(events.get(0).get("dedup_key").asText()).isEqualTo("trading-core/health/write-latency")
                    .isEqualTo(events.get(1).get("dedup_key").asText());
            assertThat(events).allSatisfy(e -> assertThat(e.get("routing_key").asText()).isEqualTo(ROUTING_KEY));
            JsonNode payload = events.get(0).get("payload");
            assertThat(payload.get("severity").asText()).isEqualTo("critical");
            assertThat(payload.get("source").asText()).isEqualTo("trading-host-1");
            assertThat(payload.get("summary").asText()).isEqualTo(
                    "Write latency high: p99 250 ms over 30 s, threshold 100 ms");
            assertThat(payload.get("timestamp").asText()).isEqualTo("2026-11-23T15:00:00Z");
            assertThat(payload.get("class").asText()).isEqualTo("write-latency");
            assertThat(payload.get("custom_details").get("condition").asText()).isEqualTo("write-latency");
            assertThat(server.requests()).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo("/v2/enqueue");
                assertThat(r.header("Content-Type")).isEqualTo("application/json");
            });
            assertThat(pager.repeatsHeldBack()).isEqualTo(19);
            assertThat(sink.stats().delivered()).isEqualTo(2);
            assertThat(allOutput(sink, pager)).doesNotContain(ROUTING_KEY);
        }
    }

    @Test
    void a_worse_severity_triggers_again_on_the_same_incident_and_a_resolve_of_an_incident_never_paged_is_not_sent()
            throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answering(n -> 202);
                PagerDutyAlertSink sink = PagerDutyAlertSink.start(settings(server), fast())) {
            GroupedAlerts pager = new GroupedAlerts(AlertSeverity.HIGH, sink, CLOCK, 10);
            pager.send(incident("health/disk-space", "raised", AlertSeverity.WARNING, "Disk space low"));
            pager.send(incident("health/disk-space", "resolved", AlertSeverity.INFO, "Resolved: Disk space low"));
            pager.send(incident("health/pool:execution", "raised", AlertSeverity.HIGH, "Pool busy"));
            pager.send(incident("health/pool:execution", "escalated", AlertSeverity.CRITICAL, "Pool busy"));
            pager.send(incident("health/pool:execution", "raised", AlertSeverity.HIGH, "Pool busy"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            List<JsonNode> events = server.requests().stream().map(r -> read(r.body())).toList();
            assertThat(events).extracting(e -> e.get("dedup_key").asText() + " " + e.get("event_action").asText()
                    + " " + e.get("payload").get("severity").asText()).containsExactly(
                            "trading-core/health/pool:execution trigger error",
                            "trading-core/health/pool:execution trigger critical");
        }
    }

    @Test
    void rate_limit_and_server_errors_are_retried_with_backoff() throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answering(n -> n == 1 ? 429 : n == 2 ? 503 : 202);
                PagerDutyAlertSink sink = PagerDutyAlertSink.start(settings(server), fast())) {
            sink.send(incident("health/replication-lag", "raised", AlertSeverity.CRITICAL, "Replication lag"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.requests()).hasSize(3);
            assertThat(server.requests()).extracting(RecordingHttpServer.Request::body).containsOnly(
                    server.requests().get(0).body());
            assertThat(sink.stats().delivered()).isEqualTo(1);
            assertThat(sink.stats().retries()).isEqualTo(2);
            assertThat(server.requests().get(1).receivedNanos() - server.requests().get(0).receivedNanos())
                    .as("waited at least the first backoff").isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
            assertThat(server.requests().get(2).receivedNanos() - server.requests().get(1).receivedNanos())
                    .as("then at least twice that").isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
        }
    }

    @Test
    void a_refused_event_is_reported_once_with_pagerdutys_reason_and_never_the_routing_key() throws Exception {
        // What PagerDuty answers to a bad key; a careless proxy might echo the key back, so this one does.
        String refusal = "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
                + "[\"Length of 'routing_key' is incorrect (should be 32 characters): " + ROUTING_KEY + "\"]}";
        try (RecordingHttpServer server = RecordingHttpServer.answeringWith(n -> new RecordingHttpServer.Answer(400,
                        refusal));
                PagerDutyAlertSink sink = PagerDutyAlertSink.start(settings(server), fast())) {
            GroupedAlerts pager = new GroupedAlerts(AlertSeverity.CRITICAL, sink, CLOCK, 10);
            pager.send(incident("health/disk-space", "raised", AlertSeverity.CRITICAL, "Disk space low"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.requests()).hasSize(1);
            assertThat(sink.stats().failed()).isEqualTo(1);
            assertThat(sink.stats().retries()).isZero();
            assertThat(sink.stats().lastFailure()).hasValueSatisfying(text -> assertThat(text)
                    .contains("PagerDuty did not take the trigger of trading-core/health/disk-space")
                    .contains("HTTP 400").contains("Event object is invalid").contains("routing_key"));
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("HTTP 400"));
            assertThat(allOutput(sink, pager)).doesNotContain(ROUTING_KEY);
        }
    }

    @Test
    void a_one_off_alert_is_a_trigger_keyed_by_its_title_and_a_storm_of_them_is_held_to_the_rate() throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answering(n -> 202);
                PagerDutyAlertSink sink = PagerDutyAlertSink.start(settings(server), fast())) {
            GroupedAlerts pager = new GroupedAlerts(AlertSeverity.CRITICAL, sink, CLOCK, 3);
            for (int i = 0; i < 10; i++) {
                pager.send(Alert.of(AlertSeverity.CRITICAL, "Fill refused", "order o-" + i, CLOCK.instant()));
            }
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.requests()).hasSize(3);
            assertThat(server.requests()).extracting(r -> read(r.body()).get("dedup_key").asText())
                    .containsOnly("trading-core/alert/Fill refused");
            assertThat(pager.rateHeldBack()).isEqualTo(7);
        }
    }

    @Test
    void the_settings_never_show_the_routing_key() {
        PagerDutySettings settings = PagerDutySettings.of(ROUTING_KEY, "host");
        assertThat(settings.eventsUrl()).hasToString("https://events.pagerduty.com/v2/enqueue");
        assertThat(settings.toString()).doesNotContain(ROUTING_KEY).contains("***");
        assertThatThrownBy(() -> PagerDutySettings.of("with space" + ROUTING_KEY, "host"))
                .hasMessageNotContaining(ROUTING_KEY);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
