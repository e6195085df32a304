package dev.tradingcore.adapters.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tradingcore.domain.port.AlertSeverity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * E-mail alerts through a real submission server that requires STARTTLS and a login ({@link SubmissionServer}), the
 * way a mail provider's port 587 does.
 */
@Timeout(90)
class SubmissionEmailTest {

    private static final String USER = "alerts@example.com";
    /** A password a URL could not hold unescaped. */
    private static final String PASSWORD = "p@ss:w0rd/with@colons:";

    @TempDir
    Path dir;

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
        return DeliverySettings.defaults().withAttempts(2, Duration.ofMillis(20), Duration.ofMillis(20))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private static EmailSettings submission(SubmissionServer server, String host, String password) {
        return EmailSettings.of(host, server.port(), "trading-core@example.com", List.of("ops@example.com"))
                .withStartTls(Optional.of(new SmtpLogin(USER, password)));
    }

    private String everythingPrinted(EmailAlertSink sink, EmailSettings settings) {
        StringBuilder out = new StringBuilder(sink.toString()).append(settings).append(sink.stats());
        logs.list.forEach(e -> out.append(e.getFormattedMessage()).append('\n'));
        return out.toString();
    }

    @Test
    void a_warning_is_delivered_over_starttls_after_auth_plain_with_a_password_holding_at_and_colon()
            throws Exception {
        try (SubmissionServer server = SubmissionServer.start(dir, USER, PASSWORD, SubmissionServer.Mechanism.PLAIN);
                EmailAlertSink sink = EmailAlertSink.start(submission(server, "localhost", PASSWORD), fast(),
                        server.clientTrust())) {
            sink.send(Alerts.alert(AlertSeverity.WARNING, "Pool busy"));
            assertThat(sink.awaitIdle(30_000)).isTrue();

            assertThat(sink.stats().delivered()).as(sink.stats().toString()).isEqualTo(1);
            assertThat(server.received()).singleElement().satisfies(m -> {
                assertThat(m.identity()).isEqualTo(USER);
                assertThat(m.from()).isEqualTo("trading-core@example.com");
                assertThat(m.to()).isEqualTo("ops@example.com");
                assertThat(m.data()).contains("Subject: [WARNING] Pool busy").contains("something needs a look");
            });
        }
    }

    @Test
    void auth_login_works_too() throws Exception {
        try (SubmissionServer server = SubmissionServer.start(dir, USER, PASSWORD, SubmissionServer.Mechanism.LOGIN);
                EmailAlertSink sink = EmailAlertSink.start(submission(server, "127.0.0.1", PASSWORD), fast(),
                        server.clientTrust())) {
            sink.send(Alerts.alert(AlertSeverity.WARNING, "Disk space low"));
            assertThat(sink.awaitIdle(30_000)).isTrue();

            assertThat(sink.stats().delivered()).as(sink.stats().toString()).isEqualTo(1);
            assertThat(server.received()).singleElement().satisfies(m -> assertThat(m.identity()).isEqualTo(USER));
        }
    }

    @Test
    void a_wrong_password_is_a_clear_failure_given_up_at_once_that_never_prints_the_password() throws Exception {
        String wrong = "wr0ng:p@ssword";
        EmailSettings settings;
        try (SubmissionServer server = SubmissionServer.start(dir, USER, PASSWORD, SubmissionServer.Mechanism.PLAIN)) {
            settings = submission(server, "localhost", wrong);
            try (EmailAlertSink sink = EmailAlertSink.start(settings, fast(), server.clientTrust())) {
                sink.send(Alerts.alert(AlertSeverity.WARNING, "Pool busy"));
                assertThat(sink.awaitIdle(30_000)).isTrue();

                assertThat(server.received()).isEmpty();
                assertThat(server.loginsRefused()).containsExactly(USER);
                assertThat(sink.stats().failed()).isEqualTo(1);
                assertThat(sink.stats().retries()).isZero();
                assertThat(sink.stats().lastFailure()).hasValueSatisfying(text -> assertThat(text)
                        .contains("refused the login of '" + USER + "'").contains("535")
                        .contains("alerts.smtp-password"));
                String printed = everythingPrinted(sink, settings);
                assertThat(printed).contains("refused the login").doesNotContain(wrong).doesNotContain(PASSWORD);
            }
        }
    }

    @Test
    void a_certificate_that_is_not_trusted_is_refused_and_nothing_is_sent() throws Exception {
        try (SubmissionServer server = SubmissionServer.start(dir, USER, PASSWORD, SubmissionServer.Mechanism.PLAIN);
                // The JVM's own trust store does not know this server's certificate.
                EmailAlertSink sink = EmailAlertSink.start(submission(server, "localhost", PASSWORD), fast())) {
            sink.send(Alerts.alert(AlertSeverity.WARNING, "Pool busy"));
            assertThat(sink.awaitIdle(30_000)).isTrue();

            assertThat(server.received()).isEmpty();
            assertThat(sink.stats().failed()).isEqualTo(1);
            assertThat(sink.stats().lastFailure()).hasValueSatisfying(t -> assertThat(t).contains("TLS"));
            assertThat(everythingPrinted(sink, submission(server, "localhost", PASSWORD))).doesNotContain(PASSWORD);
        }
    }

    @Test
    void a_trusted_certificate_for_another_name_is_refused() throws Exception {
        // Trusted (the client trusts exactly this certificate), but it names mail.example.net, not 127.0.0.1.
        try (SubmissionServer server = SubmissionServer.withCertificateFor(dir, USER, PASSWORD,
                        "dns:mail.example.net");
                EmailAlertSink sink = EmailAlertSink.start(submission(server, "127.0.0.1", PASSWORD), fast(),
                        server.clientTrust())) {
            sink.send(Alerts.alert(AlertSeverity.WARNING, "Pool busy"));
            assertThat(sink.awaitIdle(30_000)).isTrue();

            assertThat(server.received()).isEmpty();
            assertThat(sink.stats().failed()).isEqualTo(1);
            assertThat(sink.stats().lastFailure()).hasValueSatisfying(t -> assertThat(t)
                    .contains("TLS with the SMTP relay 127.0.0.1:" + server.port() + " failed"));
        }
    }

    @Test
    void the_server_really_requires_starttls_and_a_login() throws Exception {
        try (SubmissionServer server = SubmissionServer.start(dir, USER, PASSWORD, SubmissionServer.Mechanism.PLAIN);
                EmailAlertSink plain = EmailAlertSink.start(EmailSettings.of("127.0.0.1", server.port(),
                        "trading-core@example.com", List.of("ops@example.com")), fast())) {
            plain.send(Alerts.alert(AlertSeverity.WARNING, "Pool busy"));
            assertThat(plain.awaitIdle(30_000)).isTrue();

            assertThat(server.received()).isEmpty();
            assertThat(plain.stats().lastFailure()).hasValueSatisfying(t -> assertThat(t)
                    .contains("refused MAIL FROM").contains("530"));
        }
    }
}
