package dev.tradingcore.domain.audit;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * One line of the audit trail, as a row of {@code audit_log}.
 *
 * @param timestamp when it happened (given by the caller; the domain reads no clock)
 * @param component which part of the system acted, e.g. {@code execution}, {@code reconciliation}
 * @param action what it did, e.g. {@code fill_applied}, {@code position_corrected}
 * @param details the facts, as names and values (stored as a JSON object of strings); insertion order is kept
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
