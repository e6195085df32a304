package dev.tradingcore.application.health;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records alerts; "SEVERITY title" lines for compact assertions. */
final class RecordingAlerts implements AlertSink {

    final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @Override
    public void send(Alert alert) {
        alerts.add(alert);
    }

    List<String> lines() {
        return alerts.stream().map(a -> a.severity() + " " + a.title()).toList();
    }

    List<String> takeLines() {
        List<String> lines = lines();
        alerts.clear();
        return lines;
    }
}
