package dev.tradingcore.domain.audit.seal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON document turned straight into its canonical text ({@link CanonicalJson}) in one pass, without building
 * maps: what sealing and verification do for every row's details, where the maps, the sorting through them and the
 * number objects cost more than the hash. The result is the same text {@link CanonicalJson#write} gives for the
 * parsed document ({@code CanonicalFormTest} checks both on the same documents).
 */
public final class JsonText {

    /** Canonical JSON text, written as it is. */
    public record Canonical(String text) {}

    private final String s;
    private int i;

    private JsonText(String s) {
        this.s = s;
    }

    /** The canonical text of a JSON document; malformed JSON is refused. */
    public static Canonical canonical(String json) {
        JsonText parser = new JsonText(json);
        StringBuilder out = new StringBuilder(json.length());
        parser.value(out);
        parser.space();
        if (parser.i != json.length()) {
            throw parser.error("text after the document");
        }
        return new Canonical(out.toString());
    }

    private void value(StringBuilder out) {
        space();
        if (i >= s.length()) {
            throw error("a value");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{' -> object(out);
            case '[' -> array(out);
            case '"' -> string(out, null);
            case 't' -> literal(out, "true");
            case 'f' -> literal(out, "false");
            case 'n' -> literal(out, "null");
            default -> number(out);
        }
    }

    private void object(StringBuilder out) {
        i++;
        List<String[]> members = new ArrayList<>();
        space();
        if (peek() == '}') {
            i++;
            out.append("{}");
            return;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("a member name");
            }
            StringBuilder name = new StringBuilder();
            StringBuilder nameText = new StringBuilder();
            string(nameText, name);
            space();
            expect(':');
            StringBuilder value = new StringBuilder();
            value(value);
            members.add(new String[] {name.toString(), nameText.toString(), value.toString()});
            space();
            char c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw error("',' or '}'");
            }
        }
        members.sort((a, b) -> a[0].compareTo(b[0]));
        out.append('{');
        for (int m = 0; m < members.size(); m++) {
            if (m > 0) {
                if (members.get(m)[0].equals(members.get(m - 1)[0])) {
                    throw error("no member named twice");
                }
                out.append(',');
            }
            out.append(members.get(m)[1]).append(':').append(members.get(m)[2]);
        }
        out.append('}');
    }

    private void array(StringBuilder out) {
        i++;
        out.append('[');
        space();
        if (peek() == ']') {
            i++;
            out.append(']');
            return;
        }
        while (true) {
            value(out);
            space();
            char c = next();
            if (c == ']') {
                break;
            }
            if (c != ',') {
                throw error("',' or ']'");
            }
            out.append(',');
        }
        out.append(']');
    }

    /** A string, written canonically to {@code out}; its decoded value to {@code decoded} when asked. */
    private void string(StringBuilder out, StringBuilder decoded) {
        i++;
        StringBuilder value = decoded != null ? decoded : new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("the end of a string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> value.append(e);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("four hex digits");
                    }
                    value.append((char) Integer.parseInt(s, i, i + 4, 16));
                    i += 4;
                }
                default -> throw error("an escape");
            }
        }
        CanonicalJson.write(out, value.toString());
    }

    private void number(StringBuilder out) {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (start == i) {
            throw error("a value");
        }
        String digits = s.substring(start, i);
        boolean plain = true;
        for (int k = 0; k < digits.length(); k++) {
            char c = digits.charAt(k);
            if (c == 'e' || c == 'E' || c == '+' || (c == '-' && k > 0)) {
                plain = false;
                break;
            }
        }
        // PostgreSQL prints numbers plain, as the canonical form wants them; anything else goes the long way.
        if (plain && !digits.startsWith("-0") && !(digits.startsWith("0") && digits.length() > 1
                && digits.charAt(1) != '.') && !digits.endsWith(".") && !digits.startsWith(".")
                && !digits.startsWith("-.")) {
            out.append(digits);
        } else {
            try {
                CanonicalJson.write(out, new BigDecimal(digits));
            } catch (NumberFormatException e) {
                throw error("a number");
            }
        }
    }

    private void literal(StringBuilder out, String word) {
        if (!s.startsWith(word, i)) {
            throw error(word);
        }
        i += word.length();
        out.append(word);
    }

    private void space() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\t'
                || s.charAt(i) == '\r')) {
            i++;
        }
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private char next() {
        if (i >= s.length()) {
            throw error("more");
        }
        return s.charAt(i++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("'" + c + "'");
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("malformed JSON at " + i + ": expected " + expected);
    }
}
