package dev.tradingcore.adapters.postgres.audit.seal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tradingcore.domain.audit.seal.CanonicalRow;
import dev.tradingcore.domain.audit.seal.JsonText;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * Audit rows as read for sealing and verifying: the stored columns, {@code details} as the text PostgreSQL prints
 * for the JSONB document, parsed into plain values with every number an exact {@link BigDecimal} (its digits as
 * stored). Every query reads the columns in {@link #COLUMNS} order.
 */
final class StoredRows {

    static final String COLUMNS =
            "a.id, a.timestamp, a.component, a.action, a.details::text, a.user_id, a.session_id, a.severity";

    private static final JsonFactory JSON = new JsonFactory();

    private StoredRows() {}

    static CanonicalRow read(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
        return new CanonicalRow(id, at.toInstant(), rs.getString(3), rs.getString(4), details(id, rs.getString(5)),
                rs.getString(6), rs.getString(7), rs.getString(8));
    }

    /** The stored document's canonical text, written in one pass ({@link JsonText}). */
    static Object details(long id, String text) {
        if (text == null) {
            return null;
        }
        try {
            return JsonText.canonical(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("audit_log row " + id + ": details are not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The stored document as plain values (maps, lists, exact numbers): the slow way to the same canonical text,
     * kept to check the fast one against.
     */
    static Object detailsAsValues(long id, String text) {
        if (text == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            return value(parser, first);
        } catch (IOException e) {
            throw new IllegalStateException("audit_log row " + id + ": details are not JSON: " + e.getMessage(), e);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                // Sorted as it is read: the canonical form writes members in this order without sorting again.
                Map<String, Object> object = new TreeMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String name = p.currentName();
                    object.put(name, value(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    array.add(value(p, n));
                }
                return array;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new BigDecimal(p.getText());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t);
        }
    }
}
