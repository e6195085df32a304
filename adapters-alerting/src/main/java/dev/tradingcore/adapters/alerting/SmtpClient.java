package dev.tradingcore.adapters.alerting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Just enough SMTP (RFC 5321) to hand one message to a relay: greeting, EHLO (HELO when EHLO is refused), then, when
 * asked for, STARTTLS (RFC 3207: the connection becomes TLS, the certificate checked against the trust store and the
 * host name, and EHLO is said again) and AUTH PLAIN or LOGIN (RFC 4954, RFC 4616), then MAIL FROM, RCPT TO per
 * recipient, DATA with dot-stuffing, QUIT. Every read is bounded by the request timeout. A 4xx reply or a broken
 * connection is retryable; a 5xx reply, a relay without STARTTLS when it is required, a certificate that does not
 * verify and a refused login are not. No failure text holds the password: AUTH lines are named by their step only.
 */
final class SmtpClient {

    private final EmailSettings settings;
    private final SSLContext tls;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    SmtpClient(EmailSettings settings, SSLContext tls, Duration connectTimeout, Duration readTimeout) {
        this.settings = settings;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** The reader and writer of one connection, replaced when STARTTLS upgrades it. */
    private static final class Line {
        BufferedReader in;
        OutputStream out;

        Line(Socket socket) throws IOException {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }
    }

    /** Sends one message; {@code message} is the header and body, lines separated by CRLF, not yet dot-stuffed. */
    void send(String message) throws DeliveryFailure {
        Socket plain = new Socket();
        Socket socket = plain;
        try {
            plain.connect(new InetSocketAddress(settings.host(), settings.port()),
                    (int) Math.max(1, connectTimeout.toMillis()));
            plain.setSoTimeout((int) Math.max(1, readTimeout.toMillis()));
            Line line = new Line(plain);
            expect(reply(line.in, "greeting"), 220, "greeting");
            Reply ehlo = command(line, "EHLO " + settings.heloName());
            if (ehlo.code() != 250) {
                if (settings.startTls()) {
                    expect(ehlo, 250, "EHLO (STARTTLS needs it)");
                }
                expect(command(line, "HELO " + settings.heloName()), 250, "HELO");
            }
            if (settings.startTls()) {
                if (!ehlo.offers("STARTTLS")) {
                    throw new DeliveryFailure("the SMTP relay " + settings.host() + ":" + settings.port()
                            + " does not offer STARTTLS, which alerts.smtp-starttls requires", false);
                }
                expect(command(line, "STARTTLS"), 220, "STARTTLS");
                socket = upgrade(plain);
                line = new Line(socket);
                ehlo = command(line, "EHLO " + settings.heloName());
                expect(ehlo, 250, "EHLO after STARTTLS");
            }
            if (settings.login().isPresent()) {
                login(line, ehlo, settings.login().get());
            }
            expect(command(line, "MAIL FROM:<" + settings.from() + ">"), 250, "MAIL FROM");
            for (String recipient : settings.to()) {
                Reply rcpt = command(line, "RCPT TO:<" + recipient + ">");
                if (rcpt.code() != 250 && rcpt.code() != 251) {
                    expect(rcpt, 250, "RCPT TO " + recipient);
                }
            }
            expect(command(line, "DATA"), 354, "DATA");
            line.out.write(dotStuffed(message).getBytes(StandardCharsets.UTF_8));
            line.out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            line.out.flush();
            expect(reply(line.in, "end of data"), 250, "end of data");
            try {
                command(line, "QUIT");
            } catch (IOException | DeliveryFailure ignored) {
                // The message was accepted at the end of DATA; a relay that hangs up instead of saying 221 is fine.
            }
        } catch (SSLException e) {
            // A certificate that does not verify, or no common protocol: another attempt meets the same certificate.
            throw new DeliveryFailure("TLS with the SMTP relay " + settings.host() + ":" + settings.port()
                    + " failed: " + e.getMessage(), false, e);
        } catch (SocketTimeoutException e) {
            throw new DeliveryFailure("the SMTP relay did not answer in time", true, e);
        } catch (IOException e) {
            throw new DeliveryFailure("SMTP connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true, e);
        } finally {
            closeQuietly(socket);
            closeQuietly(plain);
        }
    }

    /** The TLS layer over the connected socket, the relay's certificate checked for {@code host}. */
    private Socket upgrade(Socket plain) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, settings.host(), settings.port(),
                true);
        SSLParameters parameters = secure.getSSLParameters();
        // The certificate must name the host we asked for (RFC 6125), not just chain to a trusted authority.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.setUseClientMode(true);
        secure.setSoTimeout((int) Math.max(1, readTimeout.toMillis()));
        secure.startHandshake();
        return secure;
    }

    /** AUTH PLAIN when the relay offers it, else AUTH LOGIN; 235 is success. */
    private void login(Line line, Reply ehlo, SmtpLogin login) throws IOException, DeliveryFailure {
        Base64.Encoder base64 = Base64.getEncoder();
        Reply answer;
        String mechanism;
        if (ehlo.offersAuth("PLAIN")) {
            mechanism = "PLAIN";
            String token = base64.encodeToString(("\0" + login.username() + "\0" + login.password())
                    .getBytes(StandardCharsets.UTF_8));
            answer = command(line, "AUTH PLAIN " + token);
        } else if (ehlo.offersAuth("LOGIN")) {
            mechanism = "LOGIN";
            expect(command(line, "AUTH LOGIN"), 334, "AUTH LOGIN");
            expect(answer(line, base64.encodeToString(login.username().getBytes(StandardCharsets.UTF_8)),
                    "AUTH LOGIN user name"), 334, "AUTH LOGIN user name");
            answer = answer(line, base64.encodeToString(login.password().getBytes(StandardCharsets.UTF_8)),
                    "AUTH LOGIN password");
        } else {
            throw new DeliveryFailure("the SMTP relay offers neither AUTH PLAIN nor AUTH LOGIN (it says: "
                    + abbreviate(ehlo.text()) + ")", false);
        }
        if (answer.code() != 235) {
            boolean transientFailure = answer.code() >= 400 && answer.code() < 500;
            throw new DeliveryFailure("the SMTP relay refused the login of '" + login.username() + "' (AUTH "
                    + mechanism + "): " + abbreviate(answer.text()) + "; check alerts.smtp-username and"
                    + " alerts.smtp-password", transientFailure);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing after the message was sent or given up; nothing to do.
        }
    }

    /** Lines start with "." get one more, the whole ends with CRLF (RFC 5321 4.5.2). */
    static String dotStuffed(String message) {
        String normalized = message.replace("\r\n", "\n").replace('\r', '\n');
        if (normalized.endsWith("\n")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        StringBuilder out = new StringBuilder(normalized.length() + 16);
        for (String line : normalized.split("\n", -1)) {
            if (line.startsWith(".")) {
                out.append('.');
            }
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    private record Reply(int code, List<String> lines) {
        String text() {
            return String.join(" | ", lines);
        }

        /** Whether an EHLO reply lists the extension ({@code 250-STARTTLS}). */
        boolean offers(String extension) {
            return lines.stream().skip(1).map(l -> l.length() > 4 ? l.substring(4).strip() : "")
                    .anyMatch(l -> l.equalsIgnoreCase(extension) || l.toUpperCase(Locale.ROOT)
                            .startsWith(extension.toUpperCase(Locale.ROOT) + " "));
        }

        /** Whether an EHLO reply's AUTH line names the mechanism ({@code 250-AUTH PLAIN LOGIN}). */
        boolean offersAuth(String mechanism) {
            return lines.stream().skip(1).map(l -> l.length() > 4 ? l.substring(4).strip() : "")
                    .filter(l -> l.toUpperCase(Locale.ROOT).startsWith("AUTH ")
                            || l.toUpperCase(Locale.ROOT).startsWith("AUTH="))
                    .anyMatch(l -> List.of(l.substring(5).toUpperCase(Locale.ROOT).split("\\s+"))
                            .contains(mechanism));
        }
    }

    /** Sends one command line; a failure names the step by the line's first word (never an AUTH argument). */
    private static Reply command(Line line, String text) throws IOException, DeliveryFailure {
        return answer(line, text, text.split(" ")[0]);
    }

    /** Sends a line that holds a credential (AUTH LOGIN's answers); a failure names it by {@code step} only. */
    private static Reply answer(Line line, String text, String step) throws IOException, DeliveryFailure {
        line.out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        line.out.flush();
        return reply(line.in, step);
    }

    /** One reply, multi-line ("250-...", "250 ...") included. */
    private static Reply reply(BufferedReader in, String step) throws IOException, DeliveryFailure {
        List<String> lines = new java.util.ArrayList<>();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new DeliveryFailure("the SMTP relay closed the connection at " + step, true);
            }
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                throw new DeliveryFailure("the SMTP relay answered '" + abbreviate(line) + "' at " + step
                        + ", not an SMTP reply", false);
            }
            lines.add(line);
            if (line.length() == 3 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), List.copyOf(lines));
            }
            if (lines.size() > 100) {
                throw new DeliveryFailure("the SMTP relay's reply at " + step + " does not end", false);
            }
        }
    }

    private static void expect(Reply reply, int code, String step) throws DeliveryFailure {
        if (reply.code() == code) {
            return;
        }
        // RFC 5321: 4yz is a transient failure worth another try, 5yz a permanent one.
        boolean transientFailure = reply.code() >= 400 && reply.code() < 500;
        throw new DeliveryFailure("the SMTP relay refused " + step + ": " + abbreviate(reply.text()),
                transientFailure);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
