package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import io.vavr.collection.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AlertSink} that keeps every alert, for tests that check what a person would be told. */
public final class RecordingAlertSink implements AlertSink {

    private final CopyOnWriteArrayList<Alert> alerts = new CopyOnWriteArrayList<>();

    @Override
    public void send(Alert alert) {
        alerts.add(alert);
    }

    public List<Alert> alerts() {
        return List.ofAll(alerts);
    }

    public List<Alert> ofSeverity(AlertSeverity severity) {
        return alerts().filter(a -> a.severity() == severity);
    }

    public List<String> titles() {
        return alerts().map(Alert::title);
    }
}
