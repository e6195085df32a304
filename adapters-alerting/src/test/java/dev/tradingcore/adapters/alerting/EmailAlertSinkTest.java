package dev.tradingcore.adapters.alerting;

import static dev.tradingcore.adapters.alerting.Alerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import io.vavr.collection.LinkedHashMap;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EmailAlertSinkTest {

    private static DeliverySettings fast() {
        return DeliverySettings.defaults().withAttempts(3, Duration.ofMillis(10), Duration.ofMillis(20))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private static EmailSettings to(RecordingSmtpServer server, String... recipients) {
        return EmailSettings.of("127.0.0.1", server.port(), "trading-core@example.com", List.of(recipients));
    }

    @Test
    void an_alert_arrives_with_recipients_subject_and_body() throws Exception {
        try (RecordingSmtpServer server = RecordingSmtpServer.accepting();
                EmailAlertSink sink = EmailAlertSink.start(to(server, "ops@example.com", "risk@example.com"),
                        fast())) {
            sink.send(alert(AlertSeverity.WARNING, "Connection pool busy"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.messages()).hasSize(1);
            RecordingSmtpServer.Message m = server.messages().get(0);
            assertThat(m.heloLine()).isEqualTo("EHLO trading-core");
            assertThat(m.mailFrom()).isEqualTo("<trading-core@example.com>");
            assertThat(m.recipients()).containsExactly("<ops@example.com>", "<risk@example.com>");
            assertThat(m.header("Subject")).isEqualTo("[WARNING] Connection pool busy");
            assertThat(m.header("From")).isEqualTo("trading-core@example.com");
            assertThat(m.header("To")).isEqualTo("ops@example.com, risk@example.com");
            assertThat(m.header("Date")).isEqualTo("Mon, 23 Nov 2026 15:00:01 GMT");
            assertThat(m.header("Content-Transfer-Encoding")).isEqualTo("7bit");
            assertThat(m.body()).isEqualTo("something needs a look\r\n\r\nSeverity: WARNING\r\n"
                    + "At: 2026-11-23T15:00:01Z\r\nsymbol: AAPL\r\norder_id: o-1\r\n");
            assertThat(server.commands()).last().isEqualTo("QUIT");
            assertThat(sink.stats().delivered()).isEqualTo(1);
        }
    }

    @Test
    void lines_starting_with_a_dot_survive_and_a_title_cannot_add_headers() throws Exception {
        Alert tricky = new Alert(AlertSeverity.CRITICAL, "Disk\r\nBcc: thief@example.com",
                "first line\n.\n.hidden\nlast", Alerts.AT, LinkedHashMap.empty());
        try (RecordingSmtpServer server = RecordingSmtpServer.accepting();
                EmailAlertSink sink = EmailAlertSink.start(to(server, "ops@example.com"), fast())) {
            sink.send(tricky);
            assertThat(sink.awaitIdle(20_000)).isTrue();

            RecordingSmtpServer.Message m = server.messages().get(0);
            assertThat(m.header("Subject")).isEqualTo("[CRITICAL] Disk  Bcc: thief@example.com");
            assertThat(m.header("Bcc")).isNull();
            assertThat(m.recipients()).containsExactly("<ops@example.com>");
            assertThat(m.body()).startsWith("first line\r\n.\r\n.hidden\r\nlast\r\n\r\nSeverity: CRITICAL");
        }
    }

    @Test
    void non_ascii_text_is_encoded() throws Exception {
        Alert alert = new Alert(AlertSeverity.HIGH, "Écart de position", "Δ 10 actions", Alerts.AT,
                LinkedHashMap.empty());
        try (RecordingSmtpServer server = RecordingSmtpServer.accepting();
                EmailAlertSink sink = EmailAlertSink.start(to(server, "ops@example.com"), fast())) {
            sink.send(alert);
            assertThat(sink.awaitIdle(20_000)).isTrue();

            RecordingSmtpServer.Message m = server.messages().get(0);
            assertThat(m.header("Subject")).isEqualTo("=?UTF-8?B?" + Base64.getEncoder().encodeToString(
                    "[HIGH] Écart de position".getBytes(StandardCharsets.UTF_8)) + "?=");
            assertThat(m.header("Content-Transfer-Encoding")).isEqualTo("base64");
            String body = new String(Base64.getMimeDecoder().decode(m.body().strip()), StandardCharsets.UTF_8);
            assertThat(body).startsWith("Δ 10 actions\n");
        }
    }

    @Test
    void a_relay_that_answers_451_gets_the_message_on_a_later_attempt() throws Exception {
        try (RecordingSmtpServer server = new RecordingSmtpServer(RecordingSmtpServer.Mode.ACCEPT, 2);
                EmailAlertSink sink = EmailAlertSink.start(to(server, "ops@example.com"), fast())) {
            sink.send(alert(AlertSeverity.CRITICAL, "Replication lag"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.connections()).isEqualTo(3);
            assertThat(server.messages()).hasSize(1);
            assertThat(sink.stats().delivered()).isEqualTo(1);
            assertThat(sink.stats().retries()).isEqualTo(2);
        }
    }

    @Test
    void a_permanent_refusal_is_counted_once_and_not_retried() throws Exception {
        try (RecordingSmtpServer server = new RecordingSmtpServer(RecordingSmtpServer.Mode.REJECT_RECIPIENT, 0);
                EmailAlertSink sink = EmailAlertSink.start(to(server, "nobody@example.com"), fast())) {
            sink.send(alert(AlertSeverity.WARNING, "Slow queries"));
            assertThat(sink.awaitIdle(20_000)).isTrue();

            assertThat(server.connections()).isEqualTo(1);
            assertThat(sink.stats().failed()).isEqualTo(1);
            assertThat(sink.stats().lastFailure()).hasValueSatisfying(t -> assertThat(t)
                    .contains("RCPT TO nobody@example.com").contains("550"));
        }
    }

    @Test
    void a_relay_that_never_speaks_times_out_and_the_caller_never_waits() throws Exception {
        DeliverySettings settings = fast().withAttempts(2, Duration.ofMillis(10), Duration.ofMillis(10))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)).withQueueCapacity(2);
        try (RecordingSmtpServer server = new RecordingSmtpServer(RecordingSmtpServer.Mode.SILENT, 0);
                EmailAlertSink sink = EmailAlertSink.start(to(server, "ops@example.com"), settings)) {
            for (int i = 0; i < 5; i++) {
                sink.send(alert(AlertSeverity.CRITICAL, "alert " + i));
            }
            // One in flight or queued, the rest queued up to two or dropped: nothing blocked, nothing thrown.
            assertThat(sink.stats().dropped()).isBetween(2L, 3L);
            assertThat(sink.awaitIdle(20_000)).isTrue();
            DeliveryStats stats = sink.stats();
            assertThat(stats.delivered()).isZero();
            assertThat(stats.lost()).isEqualTo(5);
            assertThat(stats.lastFailure()).hasValueSatisfying(t -> assertThat(t).contains("did not answer in time"));
        }
    }

    @Test
    void bad_settings_are_refused_with_a_clear_error() {
        assertThatThrownBy(() -> EmailSettings.of("mail.example.com", 25, "not-an-address", List.of("a@b.c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sender");
        assertThatThrownBy(() -> EmailSettings.of("mail.example.com", 25, "a@b.c", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recipient");
        assertThatThrownBy(() -> EmailSettings.of("mail.example.com", 25, "a@b.c",
                List.of("x@y.z>\r\nRCPT TO:<thief@example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recipient");
        assertThatThrownBy(() -> EmailSettings.of("mail example", 25, "a@b.c", List.of("a@b.c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> EmailSettings.of("mail.example.com", 0, "a@b.c", List.of("a@b.c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    }
}
