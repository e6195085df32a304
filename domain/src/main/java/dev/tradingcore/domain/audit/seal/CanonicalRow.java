package dev.tradingcore.domain.audit.seal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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

    /** The canonical text: the members are written in their sorted order directly (this runs once per row). */
    public String text() {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"action\":");
        CanonicalJson.write(out, action);
        out.append(",\"component\":");
        CanonicalJson.write(out, component);
        out.append(",\"details\":");
        CanonicalJson.write(out, details);
        out.append(",\"id\":").append(id);
        out.append(",\"session_id\":");
        CanonicalJson.write(out, sessionId);
        out.append(",\"severity\":");
        CanonicalJson.write(out, severity);
        out.append(",\"timestamp\":\"");
        appendTimestamp(out, timestamp);
        out.append("\",\"user_id\":");
        CanonicalJson.write(out, userId);
        return out.append('}').toString();
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
        StringBuilder out = new StringBuilder(27);
        appendTimestamp(out, at);
        return out.toString();
    }

    /** {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'}, written by hand: the formatter cost more than the hash. */
    static void appendTimestamp(StringBuilder out, Instant at) {
        long seconds = at.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            out.append(MICROS.format(at));
            return;
        }
        pad(out, year, 4).append('-');
        pad(out, date.getMonthValue(), 2).append('-');
        pad(out, date.getDayOfMonth(), 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2).append('.');
        pad(out, at.getNano() / 1000, 6).append('Z');
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
