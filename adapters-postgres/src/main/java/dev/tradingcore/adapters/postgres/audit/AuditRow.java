package dev.tradingcore.adapters.postgres.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingcore.adapters.postgres.json.Json;
import dev.tradingcore.adapters.postgres.json.MalformedStoredJsonException;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;

/**
 * One row of {@code audit_log} (without its generated {@code order_id}). {@code details} is a JSON object of
 * strings, written in the event's order; JSONB stores keys in its own order (shorter keys first), so details read
 * back come in that order. Public, with its conversion, for writers of other packages (the fill journal).
 *
 * @param id the row's serial id, assigned by the database; null before the row is inserted
 */
public record AuditRow(
        Long id,
        Instant timestamp,
        String component,
        String action,
        String details,
        String userId,
        String sessionId,
        String severity) {

    public static AuditRow of(AuditEvent event) {
        // Streamed, not built as a tree: one audit line per fill is written on the fill path.
        String details = Json.writeStrings(event.details()
                .map(field -> new java.util.AbstractMap.SimpleImmutableEntry<>(field._1, field._2)));
        return new AuditRow(null, event.timestamp(), event.component(), event.action(), details,
                event.userId().getOrNull(), event.sessionId().getOrNull(), event.severity().code());
    }

    public AuditEvent toEvent() {
        String where = "audit_log row " + id + " column details";
        JsonNode document = Json.read(details, where);
        if (!document.isObject()) {
            throw new MalformedStoredJsonException(where + ": expected a JSON object of strings, found " + document);
        }
        Map<String, String> facts = LinkedHashMap.empty();
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            facts = facts.put(name, Json.text(document, name, where));
        }
        AuditSeverity level;
        try {
            level = AuditSeverity.valueOf(severity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("audit_log row " + id + ": unknown severity '" + severity + "'", e);
        }
        return new AuditEvent(timestamp, component, action, facts, Option.of(userId), Option.of(sessionId), level);
    }
}
