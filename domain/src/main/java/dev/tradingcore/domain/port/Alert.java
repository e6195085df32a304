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

    public static Alert of(AlertSeverity severity, String title, String message, Instant at) {
        return new Alert(severity, title, message, at, LinkedHashMap.empty());
    }
}
