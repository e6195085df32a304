package dev.tradingcore.adapters.alerting;

import java.net.URI;
import java.util.Objects;

/**
 * Where and as whom alerts reach PagerDuty's Events API v2.
 *
 * @param eventsUrl the enqueue endpoint, {@link #EVENTS_API} unless a proxy or a test server stands in for it
 * @param routingKey the integration key of the PagerDuty service (its "Events API v2" integration); a secret: it is
 *     in the request body and nowhere else, never in a log line, a failure or {@link #toString()}
 * @param source what PagerDuty shows as the alert's source, e.g. the host name
 */
public record PagerDutySettings(URI eventsUrl, String routingKey, String source) {

    /** PagerDuty's own endpoint. */
    public static final URI EVENTS_API = URI.create("https://events.pagerduty.com/v2/enqueue");

    public PagerDutySettings {
        Objects.requireNonNull(eventsUrl, "eventsUrl");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(source, "source");
        JsonPost.requireHttp(eventsUrl, "the PagerDuty events URL");
        if (routingKey.isBlank() || routingKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // Not quoted: the message must not print what may be most of a key.
            throw new IllegalArgumentException("the PagerDuty routing key must be printable ASCII without spaces");
        }
        if (source.isBlank()) {
            throw new IllegalArgumentException("the PagerDuty source must not be blank");
        }
    }

    /** PagerDuty's own endpoint with the given key and source. */
    public static PagerDutySettings of(String routingKey, String source) {
        return new PagerDutySettings(EVENTS_API, routingKey, source);
    }

    /** Replaces the routing key in {@code text} by {@code ***}. */
    String redact(String text) {
        return text.replace(routingKey, "***");
    }

    @Override
    public String toString() {
        return "PagerDutySettings[" + WebhookAlertSink.describe(eventsUrl) + ", routing key ***, source " + source
                + "]";
    }
}
