package dev.tradingcore.domain.port;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import java.time.Instant;

/**
 * A message for a person: what happened, how bad it is, and the facts needed to act.
 *
 * @param context names and values such as symbol, order id, quantities
 */
public record Alert(AlertSeverity severity, String title, String message, Instant at, Map<String, String> context) {

    public Alert {
        if (severity == null || at == null || context == null) {
            throw new IllegalArgumentException("an alert needs a severity, a time and a context (may be empty)");
        }
        if (title == null || title.isBlank() || message == null || message.isBlank()) {
            throw new IllegalArgumentException("an alert needs a title and a message");
        }
    }

    /**
     * The context key naming the incident an alert belongs to ({@code health/write-latency}, {@code
     * broker-credentials}): alerts with the same key are one incident, which a pager deduplicates.
     */
    public static final String INCIDENT = "incident";
    /**
     * The context key saying what the alert does to its incident: {@code raised}, {@code escalated},
     * {@code resolved}.
     */
    public static final String INCIDENT_STATE = "incident_state";

    /** The incident this alert belongs to, when it belongs to one. */
    public io.vavr.control.Option<String> incident() {
        return context.get(INCIDENT);
    }

    /** Whether this alert ends its incident. */
    public boolean resolvesIncident() {
        return incident().isDefined() && context.get(INCIDENT_STATE).contains("resolved");
    }

    public static Alert of(AlertSeverity severity, String title, String message, Instant at) {
        return new Alert(severity, title, message, at, LinkedHashMap.empty());
    }
}
