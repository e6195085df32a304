package dev.tradingcore.domain.audit.seal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One audit row as it is sealed: the canonical JSON ({@link CanonicalJson}) of an object of its stored columns,
 * {@code action, component, details, id, session_id, severity, timestamp, user_id} (the generated
 * {@code order_id} is left out: it is derived from details). {@code details} is the stored JSON document itself;
 * {@code timestamp} is written in UTC with exactly six decimals, {@code 2026-12-04T15:17:56.123456Z} (PostgreSQL keeps
 * microseconds); an absent user or session is {@code null}. Its UTF-8 bytes are the Merkle leaf.
 *
 * @param details the parsed JSONB document (maps, lists, strings, BigDecimal numbers, booleans, null)
 */
public record CanonicalRow(long id, Instant timestamp, String component, String action, Object details,
        String userId, String sessionId, String severity) {

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The canonical text. */
    public String text() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("action", action);
        row.put("component", component);
        row.put("details", details);
        row.put("id", id);
        row.put("session_id", sessionId);
        row.put("severity", severity);
        row.put("timestamp", timestamp(timestamp));
        row.put("user_id", userId);
        return CanonicalJson.write(row);
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** The row's Merkle leaf hash. */
    public byte[] leafHash(MessageDigest sha256) {
        return MerkleTree.leafHash(sha256, bytes());
    }

    /** An instant as the chain writes it: UTC, six decimals. */
    public static String timestamp(Instant at) {
        return MICROS.format(at);
    }
}
