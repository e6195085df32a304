package dev.tradingcore.adapters.postgres.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.json.Json;
import org.junit.jupiter.api.Test;

/** The report's risk events read as sentences, not as the audit line's JSON. */
class RiskEventWordsTest {

    @Test
    void a_line_with_a_reason_is_its_reason() {
        assertThat(PostgresTradingDayReads.describe(Json.read(
                "{\"reason\":\"daily loss limit of 1000.00 reached\",\"limit\":\"1000.00\"}", "test")))
                .isEqualTo("daily loss limit of 1000.00 reached");
    }

    @Test
    void an_aggregate_line_is_its_fields_in_words() {
        assertThat(PostgresTradingDayReads.describe(Json.read(
                "{\"from\":\"2026-12-03T18:59:00Z\",\"refused\":\"40\",\"refused_position_limit\":\"40\"}", "test")))
                .isEqualTo("from 2026-12-03T18:59:00Z, refused 40, refused position limit 40")
                .doesNotContain("{", "\"");
    }
}
