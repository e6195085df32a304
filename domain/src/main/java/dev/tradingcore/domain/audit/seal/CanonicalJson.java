package dev.tradingcore.domain.audit.seal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one way a value is written for hashing, so that the same value always gives the same bytes, here and in a
 * third party's checker. Close to RFC 8785 (JCS) except for numbers, which stay exact decimals:
 * <ul>
 *   <li>no white space at all;</li>
 *   <li>object members sorted by name, names compared as UTF-16 code units ({@link String#compareTo}, as JCS);</li>
 *   <li>strings in double quotes; only {@code "} and {@code \} are escaped with a backslash, and the control
 *       characters U+0000 to U+001F as {@code \}{@code u00xx} (lower-case hex); every other character is itself,
 *       encoded in UTF-8;</li>
 *   <li>numbers in plain decimal notation, never an exponent: the digits PostgreSQL's numeric type prints (a JSONB
 *       number keeps its scale, {@code 12.50} stays {@code 12.50}), a minus sign only when negative;</li>
 *   <li>{@code true}, {@code false}, {@code null}.</li>
 * </ul>
 * Values are Java maps (String keys), lists, strings, {@link BigDecimal}, {@link BigInteger}, {@link Long},
 * {@link Integer}, {@link Boolean} and null.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    public static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof JsonText.Canonical canonical) {
            out.append(canonical.text());
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Map<?, ?> map) {
            object(out, map);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof BigDecimal d) {
            out.append(d.signum() == 0 && d.scale() <= 0 ? "0" : d.toPlainString());
        } else if (value instanceof BigInteger || value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else {
            throw new IllegalArgumentException("no canonical JSON for " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        Map<?, ?> sorted = map instanceof java.util.SortedMap<?, ?> s && s.comparator() == null ? map : sort(map);
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, (String) e.getKey());
            out.append(':');
            write(out, e.getValue());
        }
        out.append('}');
    }

    private static Map<String, Object> sort(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new IllegalArgumentException("a JSON member name must be a string, got " + e.getKey());
            }
            sorted.put(name, e.getValue());
        }
        return sorted;
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
