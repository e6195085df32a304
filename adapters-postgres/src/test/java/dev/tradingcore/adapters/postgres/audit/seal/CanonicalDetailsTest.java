package dev.tradingcore.adapters.postgres.audit.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.seal.CanonicalJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one-pass canonical text of a row's details is the canonical JSON of the document parsed into values, for
 * documents as PostgreSQL prints them (each one stored as JSONB and read back as text first).
 */
class CanonicalDetailsTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Test
    void the_fast_canonical_text_is_the_canonical_json_of_the_parsed_document() throws Exception {
        List<String> documents = new ArrayList<>(List.of("{}", "[]", "{\"a\": []}", "{\"b\": 1, \"a\": {\"d\": null,"
                + " \"c\": [true, false, -0.000100, 0, 0.00, 12.50, 123456789012345678901234567890.5, 1e3, -7]}}",
                "{\"s\": \"line\\nbreak\\ttab \\\\ \\\" \\u0001 \\u001f é 😀 \\/\"}",
                "{\"é\": 1, \"e\": 2, \"z\": 3, \"Z\": 4, \"aa\": 5, \"a\": 6, \"😀\": 7, \"\\uffff\": 8}"));
        Random random = new Random(16);
        for (int n = 0; n < 300; n++) {
            documents.add(randomObject(random, 3));
        }
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement("SELECT ?::jsonb::text")) {
            for (String document : documents) {
                st.setString(1, document);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    String stored = rs.getString(1);
                    assertThat(StoredRows.details(1, stored).toString()).as(stored)
                            .isEqualTo("Canonical[text=" + CanonicalJson.write(StoredRows.detailsAsValues(1, stored))
                                    + "]");
                }
            }
        }
    }

    private static String randomObject(Random random, int depth) {
        StringBuilder out = new StringBuilder("{");
        int members = random.nextInt(6);
        for (int m = 0; m < members; m++) {
            if (m > 0) {
                out.append(", ");
            }
            out.append('"').append(randomString(random)).append(m).append("\": ").append(randomValue(random, depth));
        }
        return out.append('}').toString();
    }

    private static String randomValue(Random random, int depth) {
        return switch (depth <= 0 ? random.nextInt(4) : random.nextInt(6)) {
            case 0 -> '"' + randomString(random) + '"';
            case 1 -> new java.math.BigDecimal(java.math.BigInteger.valueOf(random.nextLong()), random.nextInt(12) - 3)
                    .toString();
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> Integer.toString(random.nextInt(2001) - 1000);
            case 4 -> randomObject(random, depth - 1);
            default -> "[" + randomValue(random, depth - 1) + ", " + randomValue(random, depth - 1) + "]";
        };
    }

    private static String randomString(Random random) {
        String alphabet = "aZé\\n\\t\\\\\\\"😀 _\\u0002x";
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(6);
        String[] pieces = {"a", "Z", "é", "\\n", "\\t", "\\\\", "\\\"", "😀", " ", "_", "\\u0002", "x"};
        for (int k = 0; k < length; k++) {
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        return alphabet.isEmpty() ? "" : out.toString();
    }
}
