package dev.tradingcore.adapters.postgres.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one Jackson set-up of the adapter, for the JSONB columns (audit details, risk snapshot metrics, system state).
 *
 * <p>Numbers stay exact both ways: a {@link BigDecimal} is written as a plain JSON number from its digits (never
 * through {@code double}, never in E notation) and a JSON number is read back as a {@link BigDecimal} with its
 * scale ({@code 12.5000} stays {@code 12.5000}; PostgreSQL's JSONB keeps the digits as written too). Duplicate keys
 * in a document are an error, not "last one wins".
 */
public final class Json {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {}

    /** A new, empty JSON object whose numbers are kept exactly. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** The document as compact JSON text, for a JSONB parameter (see {@code mybatis.JsonbTypeHandler}). */
    public static String write(JsonNode document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * An object of string fields, in the order given, as compact JSON text: the same text {@link #write} gives for
     * the equivalent {@link ObjectNode}, written straight to the text without building the tree (audit details, one
     * per fill on the fill path).
     */
    public static String writeStrings(Iterable<? extends java.util.Map.Entry<String, String>> fields) {
        java.io.StringWriter text = new java.io.StringWriter(256);
        try (com.fasterxml.jackson.core.JsonGenerator out = MAPPER.getFactory().createGenerator(text)) {
            out.writeStartObject();
            for (java.util.Map.Entry<String, String> field : fields) {
                out.writeStringField(field.getKey(), field.getValue());
            }
            out.writeEndObject();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /**
     * Parses a stored document.
     *
     * @param where names the document in the error, e.g. {@code "system_state key risk_limits"}
     * @throws MalformedStoredJsonException when the text is not one JSON document
     */
    public static JsonNode read(String text, String where) {
        if (text == null) {
            throw new MalformedStoredJsonException(where + ": no JSON document (SQL NULL)");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedStoredJsonException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The field of an object as an exact decimal.
     *
     * @throws MalformedStoredJsonException when it is missing or not a JSON number
     */
    public static BigDecimal decimal(JsonNode object, String field, String where) {
        JsonNode value = object.get(field);
        if (value == null || !value.isNumber()) {
            throw new MalformedStoredJsonException(where + ": field '" + field + "' must be a JSON number, found "
                    + (value == null ? "nothing" : value.getNodeType().name().toLowerCase(Locale.ROOT)
                            + " " + value));
        }
        return value.decimalValue();
    }

    /**
     * The field of an object as a string.
     *
     * @throws MalformedStoredJsonException when it is missing or not a JSON string
     */
    public static String text(JsonNode object, String field, String where) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedStoredJsonException(where + ": field '" + field + "' must be a JSON string, found "
                    + (value == null ? "nothing" : value.toString()));
        }
        return value.textValue();
    }

    /**
     * Checks that an object has exactly the given fields: a field this code does not know would be silently ignored
     * otherwise, and a setting someone meant to make would have no effect.
     *
     * @throws MalformedStoredJsonException when the node is not an object or its fields differ
     */
    public static ObjectNode requireFields(JsonNode node, String where, String... fields) {
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedStoredJsonException(where + ": expected a JSON object, found " + node);
        }
        Set<String> expected = new LinkedHashSet<>(List.of(fields));
        Set<String> found = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(found::add);
        if (!found.equals(expected)) {
            Set<String> unknown = new LinkedHashSet<>(found);
            unknown.removeAll(expected);
            Set<String> missing = new LinkedHashSet<>(expected);
            missing.removeAll(found);
            throw new MalformedStoredJsonException(where + ": expected exactly the fields " + expected
                    + (missing.isEmpty() ? "" : "; missing " + missing) + (unknown.isEmpty() ? "" : "; unknown "
                    + unknown));
        }
        return object;
    }
}
