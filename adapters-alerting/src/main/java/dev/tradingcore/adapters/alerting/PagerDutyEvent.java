package dev.tradingcore.adapters.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradingcore.domain.port.Alert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An alert as a PagerDuty Events API v2 event. An alert that ends its incident is a {@code resolve}; any other is a
 * {@code trigger}. The {@code dedup_key} is what makes one incident one page: it is derived from the alert's incident
 * key ({@code trading-core/health/write-latency}), so every trigger of one incident lands on one PagerDuty incident
 * and its resolve closes that one. An alert outside any incident is keyed by its title, so a repeated one-off alert
 * (the same refusal over and over) also stays one PagerDuty incident rather than a page each time.
 */
final class PagerDutyEvent {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The Events API's limits. */
    private static final int SUMMARY_LENGTH = 1024;
    private static final int DEDUP_KEY_LENGTH = 255;
    private static final String PREFIX = "trading-core/";

    private PagerDutyEvent() {}

    /** The stable key of the incident (or one-off alert) this alert belongs to. */
    static String dedupKey(Alert alert) {
        String key = PREFIX + alert.incident().getOrElse(() -> "alert/" + alert.title());
        if (key.length() <= DEDUP_KEY_LENGTH) {
            return key;
        }
        // A long key keeps a readable head and a hash of the whole, so two long keys never collide by their heads.
        String hash = sha256(key).substring(0, 16);
        return key.substring(0, DEDUP_KEY_LENGTH - hash.length() - 1) + "#" + hash;
    }

    /** PagerDuty's severities: critical, error, warning, info. */
    static String severity(Alert alert) {
        return switch (alert.severity()) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case WARNING -> "warning";
            case INFO -> "info";
        };
    }

    static byte[] of(Alert alert, PagerDutySettings settings) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("routing_key", settings.routingKey());
        root.put("dedup_key", dedupKey(alert));
        if (alert.resolvesIncident()) {
            root.put("event_action", "resolve");
        } else {
            root.put("event_action", "trigger");
            ObjectNode payload = root.putObject("payload");
            String summary = alert.title() + ": " + alert.message();
            payload.put("summary", summary.length() <= SUMMARY_LENGTH ? summary
                    : summary.substring(0, SUMMARY_LENGTH - 3) + "...");
            payload.put("source", settings.source());
            payload.put("severity", severity(alert));
            payload.put("timestamp", alert.at().toString());
            payload.put("component", "trading-core");
            alert.context().get("condition").orElse(alert.context().get("check"))
                    .forEach(condition -> payload.put("class", condition));
            ObjectNode details = payload.putObject("custom_details");
            alert.context().forEach(entry -> details.put(entry._1(), entry._2()));
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            // A tree of strings always serializes; this would be a Jackson bug.
            throw new IllegalStateException("could not write a PagerDuty event as JSON", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
