package dev.tradingcore.application.health;

import dev.tradingcore.domain.port.AlertSeverity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something a health check finds wrong now. The monitor raises an alert when a condition's key appears (or its
 * severity changes) and another when it has been gone long enough ({@link Hysteresis}); in between, the same key on
 * every tick raises nothing.
 *
 * @param key what is wrong, stable across ticks ("write-latency", "pool:execution", "disk-space")
 * @param severity how bad, now
 * @param title the alert title
 * @param message the facts, with the measured value and the threshold
 * @param context names and values for the alert
 * @param marginal the figure is back at or under its threshold but not yet beyond the resolve level: an open
 *     incident stays open (this check is not a healthy one), none is opened
 */
public record Condition(String key, AlertSeverity severity, String title, String message,
        Map<String, String> context, boolean marginal) {

    public Condition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        context = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    /** A condition over its threshold. */
    public Condition(String key, AlertSeverity severity, String title, String message, Map<String, String> context) {
        this(key, severity, title, message, context, false);
    }

    /** This condition, found between its resolve level and its threshold. */
    public Condition asMarginal() {
        return new Condition(key, severity, title, message, context, true);
    }

    /** A condition with its context given as name, value, name, value... */
    public static Condition of(String key, AlertSeverity severity, String title, String message, String... context) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < context.length; i += 2) {
            map.put(context[i], context[i + 1]);
        }
        return new Condition(key, severity, title, message, map);
    }
}
