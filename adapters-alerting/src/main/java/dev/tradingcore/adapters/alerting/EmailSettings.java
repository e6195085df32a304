package dev.tradingcore.adapters.alerting;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where alert e-mails go: a plain SMTP relay (no TLS, no authentication: a relay on the host or inside the network,
 * such as a local Postfix; see docs/design-notes.md) and the envelope.
 *
 * @param host the relay's host name or address
 * @param port its port (25 or 587 for a relay that needs neither TLS nor login)
 * @param from the sender address
 * @param to one or more recipients
 * @param heloName the name this client gives in EHLO/HELO
 */
public record EmailSettings(String host, int port, String from, List<String> to, String heloName) {

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
        if (!heloName.matches("[A-Za-z0-9.\\-]+")) {
            throw new IllegalArgumentException("the EHLO name must be a host name, got '" + heloName + "'");
        }
    }

    /** A relay with the given envelope, greeting as {@code trading-core}. */
    public static EmailSettings of(String host, int port, String from, List<String> to) {
        return new EmailSettings(host, port, from, to, "trading-core");
    }

    private static void requireAddress(String role, String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("the alert e-mail " + role + " must be a plain address such as"
                    + " ops@example.com, got '" + address + "'");
        }
    }
}
