package dev.tradingcore.adapters.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import io.vavr.collection.LinkedHashMap;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Slack sink against a local HTTP server standing in for an incoming webhook. */
@Timeout(60)
class SlackAlertSinkTest {

    private static final String HOOK_PATH = "/services/T000/B000/XXXXsecretXXXX";

    private static DeliverySettings fast() {
        return DeliverySettings.defaults().withAttempts(3, Duration.ofMillis(10), Duration.ofMillis(40))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void a_warning_is_a_message_with_text_and_a_coloured_attachment_of_blocks() throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answeringWith(n -> new RecordingHttpServer.Answer(200,
                        "ok"));
                SlackAlertSink sink = SlackAlertSink.start(server.url(HOOK_PATH), fast())) {
            sink.send(new Alert(AlertSeverity.WARNING, "Pool busy", "execution pool 85 % lent <@channel> & more",
                    Alerts.AT, LinkedHashMap.of("pool", "execution", "incident", "health/pool:execution")));
            sink.send(new Alert(AlertSeverity.INFO, "Resolved: Pool busy", "no longer true", Alerts.AT,
                    LinkedHashMap.of("incident", "health/pool:execution", "incident_state", "resolved")));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(0).path()).isEqualTo(HOOK_PATH);
            JsonNode warning = new ObjectMapper().readTree(server.requests().get(0).body());
            assertThat(warning.get("text").asText()).isEqualTo(
                    "[WARNING] Pool busy: execution pool 85 % lent &lt;@channel&gt; &amp; more");
            JsonNode attachment = warning.get("attachments").get(0);
            assertThat(attachment.get("color").asText()).isEqualTo("#ecb22e");
            assertThat(attachment.get("blocks").get(0).get("type").asText()).isEqualTo("section");
            assertThat(attachment.get("blocks").get(0).get("text").get("text").asText())
                    .startsWith("*[WARNING] Pool busy*\n");
            assertThat(attachment.get("blocks").get(1).get("elements").get(0).get("text").asText())
                    .contains("pool: execution").contains("2026-11-23T15:00:01Z");
            JsonNode resolved = new ObjectMapper().readTree(server.requests().get(1).body());
            assertThat(resolved.get("attachments").get(0).get("color").asText()).isEqualTo("#2eb67d");
            assertThat(sink.stats().delivered()).isEqualTo(2);
        }
    }

    @Test
    void a_revoked_hook_is_given_up_with_slacks_reason_and_the_hook_path_is_never_printed() throws Exception {
        // Slack says only "no_service"; a proxy in front of it may quote the URL it could not route, as this one does.
        try (RecordingHttpServer server = RecordingHttpServer.answeringWith(n -> new RecordingHttpServer.Answer(404,
                        "no_service for POST " + HOOK_PATH));
                SlackAlertSink sink = SlackAlertSink.start(server.url(HOOK_PATH), fast())) {
            sink.send(Alerts.alert(AlertSeverity.CRITICAL, "Database unavailable"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.requests()).hasSize(1);
            assertThat(sink.stats().failed()).isEqualTo(1);
            assertThat(sink.stats().lastFailure()).hasValueSatisfying(t -> assertThat(t).contains("HTTP 404")
                    .contains("no_service").doesNotContain("XXXXsecretXXXX"));
            assertThat(sink.toString()).doesNotContain("XXXXsecretXXXX");
        }
    }

    @Test
    void slacks_rate_limit_is_retried() throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answering(n -> n == 1 ? 429 : 200);
                SlackAlertSink sink = SlackAlertSink.start(server.url(HOOK_PATH), fast())) {
            sink.send(Alerts.alert(AlertSeverity.CRITICAL, "Database unavailable"));
            assertThat(sink.awaitIdle(20_000)).isTrue();
            assertThat(server.requests()).hasSize(2);
            assertThat(sink.stats().delivered()).isEqualTo(1);
        }
    }
}
