package dev.tradingcore.adapters.alerting;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where alert e-mails go: an SMTP relay and the envelope. Either a plain relay on the host or inside the network
 * (no TLS, no login: a local Postfix), or a submission server that takes mail only over STARTTLS and after a login
 * (port 587 of a mail provider or the company's relay).
 *
 * @param host the relay's host name or address; with STARTTLS, the name its certificate must carry
 * @param port its port (25 for a plain relay, 587 for submission)
 * @param from the sender address
 * @param to one or more recipients
 * @param heloName the name this client gives in EHLO/HELO
 * @param startTls whether to upgrade the connection with STARTTLS before anything else is sent (and refuse to go
 *     on when the relay does not offer it): the certificate is checked against the JVM's trust store and the host
 * @param login the account to log in with, after STARTTLS; empty for a relay that needs none
 */
public record EmailSettings(String host, int port, String from, List<String> to, String heloName, boolean startTls,
        Optional<SmtpLogin> login) {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>@,;:\"]+@[^\\s<>@,;:\"]+");

    public EmailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(heloName, "heloName");
        if (host.isBlank() || !host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw new IllegalArgumentException("the SMTP host must be a host name or address, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the SMTP port must be from 1 to 65535, got " + port);
        }
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("alert e-mail needs at least one recipient");
        }
        requireAddress("sender", from);
        to.forEach(address -> requireAddress("recipient", address));
        Objects.requireNonNull(login, "login");
        if (login.isPresent() && !startTls) {
            throw new IllegalArgumentException("an SMTP login needs STARTTLS: the password would cross the network in"
                    + " clear");
        }
        if (!heloName.matches("[A-Za-z0-9.\\-]+")) {
            throw new IllegalArgumentException("the EHLO name must be a host name, got '" + heloName + "'");
        }
    }

    /** A plain relay (no TLS, no login) with the given envelope, greeting as {@code trading-core}. */
    public static EmailSettings of(String host, int port, String from, List<String> to) {
        return new EmailSettings(host, port, from, to, "trading-core", false, Optional.empty());
    }

    /** The same relay, reached over STARTTLS, logging in with {@code login} when present. */
    public EmailSettings withStartTls(Optional<SmtpLogin> value) {
        return new EmailSettings(host, port, from, to, heloName, true, value);
    }

    private static void requireAddress(String role, String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("the alert e-mail " + role + " must be a plain address such as"
                    + " ops@example.com, got '" + address + "'");
        }
    }
}
