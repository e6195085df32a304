package dev.tradingcore.adapters.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradingcore.domain.port.Alert;

/**
 * An alert as a Slack incoming-webhook message (Mattermost and Rocket.Chat take the same): {@code text} is the one
 * line a notification and a client without blocks show; one attachment, coloured by severity (green for a resolve),
 * holds a section with the title and message and a context line with the alert's facts. Texts are escaped as Slack
 * asks ({@code & < >}), so an alert text can neither mention {@code @channel} nor forge a link.
 */
final class SlackMessage {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Slack's limit for a section's text. */
    private static final int SECTION_TEXT = 3000;

    private SlackMessage() {}

    static String color(Alert alert) {
        if (alert.resolvesIncident()) {
            return "#2eb67d";
        }
        return switch (alert.severity()) {
            case CRITICAL -> "#d00000";
            case HIGH -> "#e01e5a";
            case WARNING -> "#ecb22e";
            case INFO -> "#439fe0";
        };
    }

    /** The notification line: {@code [CRITICAL] Write latency high: p99 ...}. */
    static String text(Alert alert) {
        return escape("[" + alert.severity() + "] " + alert.title() + ": " + alert.message());
    }

    static byte[] of(Alert alert) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("text", text(alert));
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("color", color(alert));
        attachment.put("fallback", text(alert));
        ArrayNode blocks = attachment.putArray("blocks");
        String section = "*" + escape("[" + alert.severity() + "] " + alert.title()) + "*\n" + escape(alert.message());
        ObjectNode sectionBlock = blocks.addObject();
        sectionBlock.put("type", "section");
        ObjectNode sectionText = sectionBlock.putObject("text");
        sectionText.put("type", "mrkdwn");
        sectionText.put("text", section.length() <= SECTION_TEXT ? section
                : section.substring(0, SECTION_TEXT - 3) + "...");
        StringBuilder facts = new StringBuilder(alert.at().toString());
        alert.context().forEach(entry -> facts.append("  |  ").append(escape(entry._1())).append(": ")
                .append(escape(entry._2())));
        ObjectNode contextBlock = blocks.addObject();
        contextBlock.put("type", "context");
        ObjectNode element = contextBlock.putArray("elements").addObject();
        element.put("type", "mrkdwn");
        element.put("text", facts.length() <= SECTION_TEXT ? facts.toString()
                : facts.substring(0, SECTION_TEXT - 3) + "...");
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            // A tree of strings always serializes; this would be a Jackson bug.
            throw new IllegalStateException("could not write a Slack message as JSON", e);
        }
    }

    /** Slack's three control characters. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
