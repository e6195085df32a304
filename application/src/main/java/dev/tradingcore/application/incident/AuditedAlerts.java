package dev.tradingcore.application.incident;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSink;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every alert also on the audit trail: {@code alert_raised} (or {@code alert_resolved} for the alert that ends an
 * incident), component {@code alerting}, with the severity, title, message and the alert's context as details. The
 * audit trail is where a compliance review looks for what the desk was told and when; the pager only shows what
 * reached a person, this shows every alert, including those a pager's grouping or rate held back.
 *
 * <p>The trail is written through the asynchronous audit logger (never blocking the alert's caller), which the
 * container builds after the alert sink: until {@link #writeTo} binds it, up to {@value #PENDING_LIMIT} events wait
 * here and are written then. An alert raised while writing an audit event (the logger alerting that its own queue is
 * full) is sent on but not audited again, so the two cannot feed each other.
 */
public final class AuditedAlerts implements AlertSink, AutoCloseable {

    /** The audit component of alert events. */
    public static final String COMPONENT = "alerting";
    public static final String RAISED = "alert_raised";
    public static final String RESOLVED = "alert_resolved";
    static final int PENDING_LIMIT = 1000;

    private final AlertSink delegate;
    private final ThreadLocal<Boolean> auditing = ThreadLocal.withInitial(() -> false);
    private final List<AuditEvent> pending = new ArrayList<>();
    private Consumer<AuditEvent> trail;
    private long pendingDropped;

    public AuditedAlerts(AlertSink delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Binds the audit trail; the events of alerts raised before are written now, in order. */
    public void writeTo(Consumer<AuditEvent> auditTrail) {
        Objects.requireNonNull(auditTrail, "auditTrail");
        List<AuditEvent> earlier;
        synchronized (this) {
            trail = auditTrail;
            earlier = List.copyOf(pending);
            pending.clear();
        }
        earlier.forEach(this::audit);
    }

    /** The audit event of an alert. */
    public static AuditEvent eventOf(Alert alert) {
        Map<String, String> details = LinkedHashMap.of("severity", alert.severity().name(), "title",
                clean(alert.title()), "message", clean(alert.message()));
        for (var entry : alert.context()) {
            if (!details.containsKey(entry._1())) {
                details = details.put(clean(entry._1()), clean(entry._2()));
            }
        }
        AuditSeverity severity = switch (alert.severity()) {
            case CRITICAL -> AuditSeverity.CRITICAL;
            case HIGH -> AuditSeverity.ERROR;
            case WARNING -> AuditSeverity.WARNING;
            case INFO -> AuditSeverity.INFO;
        };
        return AuditEvent.of(alert.at(), COMPONENT, alert.resolvesIncident() ? RESOLVED : RAISED, severity, details);
    }

    /** PostgreSQL stores no NUL in text or JSON; an alert text that held one is still audited. */
    private static String clean(String text) {
        return text.replace('\0', '?');
    }

    @Override
    public void send(Alert alert) {
        if (!auditing.get()) {
            AuditEvent event = eventOf(alert);
            Consumer<AuditEvent> bound;
            synchronized (this) {
                bound = trail;
                if (bound == null) {
                    if (pending.size() < PENDING_LIMIT) {
                        pending.add(event);
                    } else {
                        pendingDropped++;
                    }
                }
            }
            if (bound != null) {
                audit(event);
            }
        }
        delegate.send(alert);
    }

    private void audit(AuditEvent event) {
        auditing.set(true);
        try {
            trail.accept(event);
        } catch (RuntimeException e) {
            // The audit logger reports its own refusals (and alerts on them); the alert must still go out.
        } finally {
            auditing.set(false);
        }
    }

    /** Alerts raised before the trail was bound and beyond what could wait for it. */
    public synchronized long notAudited() {
        return pendingDropped;
    }

    /** The sink the alerts go on to. */
    public AlertSink delegate() {
        return delegate;
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
