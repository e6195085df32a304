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
import java.util.List;

/**
 * Just enough SMTP (RFC 5321) to hand one message to a relay: greeting, EHLO (HELO when EHLO is refused), MAIL FROM,
 * RCPT TO per recipient, DATA with dot-stuffing, QUIT. Every read is bounded by the request timeout. A 4xx reply or a
 * broken connection is retryable; a 5xx reply is not.
 */
final class SmtpClient {

    private final EmailSettings settings;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    SmtpClient(EmailSettings settings, Duration connectTimeout, Duration readTimeout) {
        this.settings = settings;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Sends one message; {@code message} is the header and body, lines separated by CRLF, not yet dot-stuffed. */
    void send(String message) throws DeliveryFailure {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.host(), settings.port()),
                    (int) Math.max(1, connectTimeout.toMillis()));
            socket.setSoTimeout((int) Math.max(1, readTimeout.toMillis()));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(reply(in, "greeting"), 220, "greeting");
            Reply ehlo = command(in, out, "EHLO " + settings.heloName());
            if (ehlo.code() != 250) {
                expect(command(in, out, "HELO " + settings.heloName()), 250, "HELO");
            }
            expect(command(in, out, "MAIL FROM:<" + settings.from() + ">"), 250, "MAIL FROM");
            for (String recipient : settings.to()) {
                Reply rcpt = command(in, out, "RCPT TO:<" + recipient + ">");
                if (rcpt.code() != 250 && rcpt.code() != 251) {
                    expect(rcpt, 250, "RCPT TO " + recipient);
                }
            }
            expect(command(in, out, "DATA"), 354, "DATA");
            out.write(dotStuffed(message).getBytes(StandardCharsets.UTF_8));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(reply(in, "end of data"), 250, "end of data");
            try {
                command(in, out, "QUIT");
            } catch (IOException | DeliveryFailure ignored) {
                // The message was accepted at the end of DATA; a relay that hangs up instead of saying 221 is fine.
            }
        } catch (SocketTimeoutException e) {
            throw new DeliveryFailure("the SMTP relay did not answer in time", true, e);
        } catch (IOException e) {
            throw new DeliveryFailure("SMTP connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true, e);
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
    }

    private static Reply command(BufferedReader in, OutputStream out, String line)
            throws IOException, DeliveryFailure {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply(in, line.split(" ")[0]);
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
