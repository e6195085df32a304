package dev.tradingcore.adapters.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradingcore.domain.port.Alert;

/**
 * An alert as the webhook sends it:
 * {@code {"severity":"CRITICAL","title":"...","message":"...","at":"2026-11-23T15:00:01Z","context":{"k":"v"}}}.
 * The time is ISO-8601 in UTC; context keeps the alert's order.
 */
final class AlertJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    static byte[] of(Alert alert) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("severity", alert.severity().name());
        root.put("title", alert.title());
        root.put("message", alert.message());
        root.put("at", alert.at().toString());
        ObjectNode context = root.putObject("context");
        alert.context().forEach(entry -> context.put(entry._1(), entry._2()));
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            // A tree of strings always serializes; this would be a Jackson bug.
            throw new IllegalStateException("could not write an alert as JSON", e);
        }
    }
}
