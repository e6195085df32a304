package dev.tradingcore.adapters.alerting;

import static dev.tradingcore.adapters.alerting.Alerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingcore.domain.port.AlertSeverity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WebhookAlertSinkTest {

    private static final String TOKEN = "s3cr3t-token-value";

    private static DeliverySettings fast() {
        return DeliverySettings.defaults().withAttempts(4, Duration.ofMillis(10), Duration.ofMillis(40))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void posts_each_alert_as_json_with_the_bearer_token() throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answering(n -> 202);
                WebhookAlertSink sink = WebhookAlertSink.start(server.url("/hooks/pager"), Optional.of(TOKEN),
                        fast())) {
            sink.send(alert(AlertSeverity.CRITICAL, "Database unavailable"));
            sink.send(alert(AlertSeverity.WARNING, "Pool busy"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.requests()).hasSize(2);
            RecordingHttpServer.Request first = server.requests().get(0);
            assertThat(first.method()).isEqualTo("POST");
            assertThat(first.path()).isEqualTo("/hooks/pager");
            assertThat(first.header("Content-Type")).isEqualTo("application/json");
            assertThat(first.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            JsonNode json = new ObjectMapper().readTree(first.body());
            assertThat(json.get("severity").asText()).isEqualTo("CRITICAL");
            assertThat(json.get("title").asText()).isEqualTo("Database unavailable");
            assertThat(json.get("message").asText()).isEqualTo("something needs a look");
            assertThat(json.get("at").asText()).isEqualTo("2026-11-23T15:00:01Z");
            assertThat(json.get("context").get("symbol").asText()).isEqualTo("AAPL");
            assertThat(json.get("context").get("order_id").asText()).isEqualTo("o-1");
            assertThat(new ObjectMapper().readTree(server.requests().get(1).body()).get("title").asText())
                    .isEqualTo("Pool busy");
            assertThat(sink.stats()).isEqualTo(new DeliveryStats(2, 0, 0, 0, 0, Optional.empty()));
            assertThat(sink.toString()).doesNotContain(TOKEN).doesNotContain("/hooks/pager");
        }
    }

    @Test
    void without_a_token_no_authorization_header_is_sent() throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answering(n -> 200);
                WebhookAlertSink sink = WebhookAlertSink.start(server.url("/"), Optional.empty(), fast())) {
            sink.send(alert(AlertSeverity.INFO, "Hello"));
            assertThat(sink.awaitIdle(20_000)).isTrue();
            assertThat(server.requests().get(0).header("Authorization")).isNull();
        }
    }

    @Test
    void a_server_that_fails_then_recovers_gets_the_alert_after_retries() throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answering(n -> n <= 2 ? 503 : 200);
                WebhookAlertSink sink = WebhookAlertSink.start(server.url("/"), Optional.of(TOKEN), fast())) {
            sink.send(alert(AlertSeverity.CRITICAL, "Write latency"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.requests()).hasSize(3);
            assertThat(server.requests()).extracting(RecordingHttpServer.Request::body).containsOnly(
                    server.requests().get(0).body());
            DeliveryStats stats = sink.stats();
            assertThat(stats.delivered()).isEqualTo(1);
            assertThat(stats.retries()).isEqualTo(2);
            assertThat(stats.lost()).isZero();
        }
    }

    @Test
    void a_server_that_keeps_failing_costs_the_attempts_then_the_alert_is_counted_as_failed() throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answering(n -> 500);
                WebhookAlertSink sink = WebhookAlertSink.start(server.url("/"), Optional.of(TOKEN), fast())) {
            sink.send(alert(AlertSeverity.CRITICAL, "Disk almost full"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.requests()).hasSize(4);
            assertThat(sink.stats().failed()).isEqualTo(1);
            assertThat(sink.stats().lastFailure()).hasValueSatisfying(text -> assertThat(text)
                    .contains("Disk almost full").contains("4 attempt(s)").contains("HTTP 500")
                    .doesNotContain(TOKEN));
        }
    }

    @Test
    void a_client_error_is_not_retried() throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answering(n -> 401);
                WebhookAlertSink sink = WebhookAlertSink.start(server.url("/"), Optional.of(TOKEN), fast())) {
            sink.send(alert(AlertSeverity.CRITICAL, "Wrong token"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.requests()).hasSize(1);
            assertThat(sink.stats().failed()).isEqualTo(1);
            assertThat(sink.stats().retries()).isZero();
            assertThat(sink.stats().lastFailure()).hasValueSatisfying(t -> assertThat(t).contains("HTTP 401"));
        }
    }

    @Test
    void a_server_that_never_answers_never_blocks_the_caller_and_the_overflow_is_dropped() throws Exception {
        DeliverySettings settings = fast().withQueueCapacity(3).withAttempts(2, Duration.ofMillis(10),
                Duration.ofMillis(10)).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300))
                .withCloseTimeout(Duration.ofMillis(100));
        try (RecordingHttpServer server = RecordingHttpServer.hanging()) {
            WebhookAlertSink sink = WebhookAlertSink.start(server.url("/"), Optional.of(TOKEN), settings);
            // The first alert occupies the sender (waiting for an answer that never comes), three fill the queue,
            // the other six are dropped: every send returns at once.
            sink.send(alert(AlertSeverity.CRITICAL, "alert 0"));
            Eventually.await("the first request reached the server", () -> server.requests().size() == 1);
            for (int i = 1; i < 10; i++) {
                sink.send(alert(AlertSeverity.CRITICAL, "alert " + i));
            }
            assertThat(sink.stats().dropped()).isEqualTo(6);
            assertThat(sink.stats().queued()).isEqualTo(3);

            // Each attempt times out; the alert is given up after its two attempts and counted.
            Eventually.await("the first alert given up", () -> sink.stats().failed() >= 1);
            assertThat(sink.stats().lastFailure()).hasValueSatisfying(t -> assertThat(t).contains("alert 0")
                    .contains("no answer within 300 ms"));

            sink.close();
            DeliveryStats stats = sink.stats();
            assertThat(stats.delivered()).isZero();
            assertThat(stats.lost()).isEqualTo(10);
            assertThat(stats.queued()).isZero();
        }
    }

    @Test
    void a_refused_connection_is_retried_then_counted() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (WebhookAlertSink sink = WebhookAlertSink.start(URI.create("http://127.0.0.1:" + closedPort + "/x"),
                Optional.of(TOKEN), fast())) {
            sink.send(alert(AlertSeverity.CRITICAL, "Nobody listens"));
            assertThat(sink.awaitIdle(20_000)).isTrue();
            assertThat(sink.stats().failed()).isEqualTo(1);
            assertThat(sink.stats().retries()).isEqualTo(3);
            assertThat(sink.stats().lastFailure()).hasValueSatisfying(t -> assertThat(t)
                    .contains("connection failed").doesNotContain(TOKEN));
        }
    }

    @Test
    void alerts_after_close_are_dropped_not_thrown() throws Exception {
        try (RecordingHttpServer server = RecordingHttpServer.answering(n -> 200)) {
            WebhookAlertSink sink = WebhookAlertSink.start(server.url("/"), Optional.empty(), fast());
            sink.send(alert(AlertSeverity.WARNING, "before"));
            sink.close();
            sink.send(alert(AlertSeverity.WARNING, "after"));
            assertThat(server.requests()).extracting(RecordingHttpServer.Request::body)
                    .singleElement().asString().contains("before");
            assertThat(sink.stats().delivered()).isEqualTo(1);
            assertThat(sink.stats().dropped()).isEqualTo(1);
        }
    }

    @Test
    void a_url_that_is_not_http_is_refused_at_start() {
        assertThatThrownBy(() -> WebhookAlertSink.start(URI.create("ftp://example.com/x"), Optional.empty(),
                fast())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
        assertThatThrownBy(() -> WebhookAlertSink.start(URI.create("/relative"), Optional.empty(), fast()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookAlertSink.start(URI.create("http://example.com/"), Optional.of("a b"),
                fast())).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("a b");
    }
}
