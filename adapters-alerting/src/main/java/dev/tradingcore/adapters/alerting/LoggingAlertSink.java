package dev.tradingcore.adapters.alerting;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSink;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as log lines on the {@code trading-core.alerts} logger: ERROR for high and critical, WARN for warnings,
 * INFO otherwise. The default sink, so that an alert is never lost for want of a pager; a deployment adds a webhook
 * or e-mail sink beside it.
 */
public final class LoggingAlertSink implements AlertSink {

    private static final Logger log = LoggerFactory.getLogger("trading-core.alerts");

    @Override
    public void send(Alert alert) {
        String context = alert.context().toJavaMap().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        String line = "[" + alert.severity() + "] " + alert.title() + ": " + alert.message()
                + (context.isEmpty() ? "" : " (" + context + ")");
        switch (alert.severity()) {
            case CRITICAL, HIGH -> log.error(line);
            case WARNING -> log.warn(line);
            default -> log.info(line);
        }
    }
}
