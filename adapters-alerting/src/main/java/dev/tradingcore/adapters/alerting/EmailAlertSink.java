package dev.tradingcore.adapters.alerting;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSink;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * Alerts as e-mail through an SMTP relay ({@link SmtpClient}): subject {@code [SEVERITY] title}, a plain-text body
 * with the message, the time and the context. {@link #send} queues and returns at once; one sender thread delivers
 * in order, every wait bounded, a relay's 4xx or a broken connection retried after a doubling backoff, a 5xx given
 * up at once; what cannot be delivered is counted and logged ({@link DeliveryStats}).
 *
 * <p>Header values are single lines: a CR or LF in a title is replaced by a space, so an alert text can never add a
 * header or a recipient. Non-ASCII subjects are RFC 2047 encoded; a body with non-ASCII text or very long lines is
 * sent base64-encoded, else as 7-bit text.
 */
public final class EmailAlertSink implements AlertSink, AutoCloseable {

    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final int LONGEST_7BIT_LINE = 998;

    private final EmailSettings email;
    private final SmtpClient smtp;
    private final AlertQueue queue;

    private EmailAlertSink(EmailSettings email, DeliverySettings delivery, SSLContext tls) {
        this.email = email;
        this.smtp = new SmtpClient(email, tls, delivery.connectTimeout(), delivery.requestTimeout());
        this.queue = new AlertQueue("smtp " + email.host() + ":" + email.port(), this::deliver, delivery);
    }

    /**
     * Starts a sink sending through the relay in {@code email}; STARTTLS, when asked for, trusts what the JVM trusts
     * (its cacerts, or {@code -Djavax.net.ssl.trustStore=...}).
     */
    public static EmailAlertSink start(EmailSettings email, DeliverySettings delivery) {
        try {
            return start(email, delivery, SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context", e);
        }
    }

    /** Starts a sink whose STARTTLS trusts what {@code tls} trusts (a company's own authority, a test's). */
    public static EmailAlertSink start(EmailSettings email, DeliverySettings delivery, SSLContext tls) {
        return new EmailAlertSink(Objects.requireNonNull(email, "email"), Objects.requireNonNull(delivery,
                "delivery"), Objects.requireNonNull(tls, "tls"));
    }

    @Override
    public void send(Alert alert) {
        queue.offer(alert);
    }

    private void deliver(Alert alert) throws DeliveryFailure {
        smtp.send(message(alert));
    }

    /** The message as it goes into DATA: headers, a blank line, the body; CRLF line ends. */
    String message(Alert alert) {
        String body = body(alert);
        boolean plain = body.chars().allMatch(c -> c < 0x80)
                && body.lines().allMatch(line -> line.length() <= LONGEST_7BIT_LINE);
        StringBuilder m = new StringBuilder();
        header(m, "From", email.from());
        header(m, "To", String.join(", ", email.to()));
        header(m, "Subject", encodedWord(subject(alert)));
        header(m, "Date", DATE.format(alert.at()));
        header(m, "Message-ID", "<" + UUID.randomUUID() + "@trading-core>");
        header(m, "X-Trading-Core-Severity", alert.severity().name());
        header(m, "MIME-Version", "1.0");
        header(m, "Content-Type", "text/plain; charset=UTF-8");
        header(m, "Content-Transfer-Encoding", plain ? "7bit" : "base64");
        m.append("\r\n");
        if (plain) {
            m.append(body.replace("\n", "\r\n"));
        } else {
            m.append(Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
            m.append("\r\n");
        }
        return m.toString();
    }

    /** "[CRITICAL] Database unavailable", on one line. */
    static String subject(Alert alert) {
        return oneLine("[" + alert.severity().name() + "] " + alert.title());
    }

    static String body(Alert alert) {
        StringBuilder b = new StringBuilder();
        b.append(alert.message()).append("\n\n");
        b.append("Severity: ").append(alert.severity().name()).append('\n');
        b.append("At: ").append(alert.at()).append('\n');
        alert.context().forEach(entry -> b.append(oneLine(entry._1())).append(": ").append(oneLine(entry._2()))
                .append('\n'));
        return b.toString();
    }

    private static void header(StringBuilder m, String name, String value) {
        m.append(name).append(": ").append(oneLine(value)).append("\r\n");
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    /** RFC 2047 {@code =?UTF-8?B?...?=} for a non-ASCII value; ASCII as it is. */
    static String encodedWord(String text) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** Delivered, failed, dropped, retried. */
    public DeliveryStats stats() {
        return queue.stats();
    }

    /** Waits until the queue is empty and nothing is in flight, at most {@code millis}. */
    public boolean awaitIdle(long millis) throws InterruptedException {
        return queue.awaitIdle(millis);
    }

    @Override
    public void close() {
        queue.close();
    }

    @Override
    public String toString() {
        return "EmailAlertSink[smtp " + email.host() + ":" + email.port() + (email.startTls() ? " STARTTLS" : "")
                + email.login().map(l -> " as " + l.username()).orElse("") + " to " + email.to() + "]";
    }
}
