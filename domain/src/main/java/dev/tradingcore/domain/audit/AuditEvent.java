package dev.tradingcore.domain.audit;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * One line of the audit trail, as a row of {@code audit_log}. Every event that can be made can be stored: the
 * texts fit their columns and hold no NUL character (which PostgreSQL stores neither in text nor in JSON). An
 * event the store refused would be retried by the asynchronous logger for ever, holding up every event behind it.
 *
 * @param timestamp when it happened (given by the caller; the domain reads no clock)
 * @param component which part of the system acted, e.g. {@code execution}, {@code reconciliation}; at most 50
 *     characters
 * @param action what it did, e.g. {@code fill_applied}, {@code position_corrected}; at most 100 characters
 * @param details the facts, as names and values (stored as a JSON object of strings); insertion order is kept
 * @param userId who acted, at most 50 characters
 * @param sessionId in which session, at most 50 characters
 */
public record AuditEvent(
        Instant timestamp,
        String component,
        String action,
        Map<String, String> details,
        Option<String> userId,
        Option<String> sessionId,
        AuditSeverity severity) {

    public AuditEvent {
        if (timestamp == null || details == null || userId == null || sessionId == null || severity == null) {
            throw new IllegalArgumentException("an audit event needs a time, details, severity and optional ids");
        }
        if (component == null || component.isBlank() || component.length() > 50) {
            throw new IllegalArgumentException("an audit event needs a component of at most 50 characters");
        }
        if (action == null || action.isBlank() || action.length() > 100) {
            throw new IllegalArgumentException("an audit event needs an action of at most 100 characters");
        }
        if (userId.exists(id -> id.length() > ID_LENGTH) || sessionId.exists(id -> id.length() > ID_LENGTH)) {
            throw new IllegalArgumentException("audit event " + action + ": user and session ids are at most "
                    + ID_LENGTH + " characters");
        }
        if (hasNul(component) || hasNul(action) || userId.exists(AuditEvent::hasNul)
                || sessionId.exists(AuditEvent::hasNul) || details.exists(d -> hasNul(d._1) || hasNul(d._2))) {
            throw new IllegalArgumentException("audit event " + action.replace('\0', '?')
                    + ": a NUL character cannot be stored");
        }
    }

    /** Length of the {@code user_id} and {@code session_id} columns. */
    public static final int ID_LENGTH = 50;

    private static boolean hasNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    /** An event by the system itself (no user, no session). */
    public static AuditEvent of(Instant at, String component, String action, AuditSeverity severity,
            Map<String, String> details) {
        return new AuditEvent(at, component, action, details, Option.none(), Option.none(), severity);
    }

    /** Shorthand for ordered details: {@code details("order_id", "o-1", "quantity", "10")}. */
    public static Map<String, String> details(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("audit details come in name/value pairs");
        }
        Map<String, String> map = LinkedHashMap.empty();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map = map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
