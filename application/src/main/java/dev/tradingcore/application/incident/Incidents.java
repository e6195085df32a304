package dev.tradingcore.application.incident;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One alert per incident, however many rounds or fills it lasts: raised once when it starts, with what is known then;
 * counted while it lasts; resolved once when it ends. An incident is named by a key (e.g. {@code broker-credentials},
 * {@code fills-missing/<order id>}); the key travels in the alert's context as {@code incident}, so that a pager can
 * deduplicate and a test can count. Thread-safe.
 */
public final class Incidents {

    /** The context key that names an alert's incident. */
    public static final String KEY = Alert.INCIDENT;
    /** The context key that says a resolved alert ends its incident. */
    public static final String STATE = Alert.INCIDENT_STATE;

    private record Open(String title, Instant since, long occurrences) {
    }

    private final AlertSink alerts;
    private final Clock clock;
    private final ConcurrentHashMap<String, Open> open = new ConcurrentHashMap<>();

    public Incidents(AlertSink alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * Raises the incident unless it is open already (then it only counts another occurrence).
     *
     * @return whether an alert went out now
     */
    public boolean raise(String key, AlertSeverity severity, String title, String message,
            Map<String, String> context) {
        boolean[] raised = {false};
        Instant at = clock.instant();
        open.compute(key, (k, current) -> {
            if (current != null) {
                return new Open(current.title(), current.since(), current.occurrences() + 1);
            }
            raised[0] = true;
            return new Open(title, at, 1);
        });
        if (raised[0]) {
            alerts.send(new Alert(severity, title, message, at, context.put(KEY, key).put(STATE, "raised")));
        }
        return raised[0];
    }

    /** Raises the incident with no context beside its key. */
    public boolean raise(String key, AlertSeverity severity, String title, String message) {
        return raise(key, severity, title, message, LinkedHashMap.empty());
    }

    /**
     * Ends the incident, if it is open: one alert says it is resolved, how long it lasted and how often it recurred.
     *
     * @return whether an alert went out now
     */
    public boolean resolve(String key, String message) {
        return resolve(key, message, LinkedHashMap.empty());
    }

    /**
     * Ends the incident, if it is open, with {@code context} beside the incident's own keys (which win).
     *
     * @return whether an alert went out now
     */
    public boolean resolve(String key, String message, Map<String, String> context) {
        Open ended = open.remove(key);
        if (ended == null) {
            return false;
        }
        Instant at = clock.instant();
        alerts.send(new Alert(AlertSeverity.INFO, "Resolved: " + ended.title(), message, at, context.merge(
                LinkedHashMap.of(KEY, key, STATE, "resolved", "since", ended.since().toString(), "occurrences",
                        Long.toString(ended.occurrences())), (mine, theirs) -> theirs)));
        return true;
    }

    /** How often the open incident {@code key} occurred so far (0 when it is not open). */
    public long occurrences(String key) {
        Open current = open.get(key);
        return current == null ? 0 : current.occurrences();
    }

    /** Where alerts that are not incidents (one event, one alert) go: the same sink. */
    public AlertSink sink() {
        return alerts;
    }

    public boolean isOpen(String key) {
        return open.containsKey(key);
    }

    /** The keys of the open incidents whose key starts with {@code prefix}. */
    public io.vavr.collection.Set<String> openWithPrefix(String prefix) {
        return io.vavr.collection.HashSet.ofAll(open.keySet()).filter(k -> k.startsWith(prefix));
    }
}
