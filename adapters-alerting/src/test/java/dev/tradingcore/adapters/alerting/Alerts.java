package dev.tradingcore.adapters.alerting;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import io.vavr.collection.LinkedHashMap;
import java.time.Instant;

/** Alerts for tests. */
final class Alerts {

    static final Instant AT = Instant.parse("2026-11-23T15:00:01Z");

    private Alerts() {}

    static Alert alert(AlertSeverity severity, String title) {
        return new Alert(severity, title, "something needs a look", AT, LinkedHashMap.of("symbol", "AAPL",
                "order_id", "o-1"));
    }
}
