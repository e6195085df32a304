package dev.tradingcore.application.audit;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSink;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every alert sent. */
final class RecordingAlertSink implements AlertSink {

    private final CopyOnWriteArrayList<Alert> alerts = new CopyOnWriteArrayList<>();

    @Override
    public void send(Alert alert) {
        alerts.add(alert);
    }

    java.util.List<Alert> titled(String title) {
        return alerts.stream().filter(a -> a.title().equals(title)).toList();
    }
}
