package dev.tradingcore.adapters.alerting;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person is paged (or mailed, or messaged) about, in front of one remote sink: one incident is one page
 * however many monitoring rounds it lasts, its end is one resolve, and a storm of one-off alerts is held to a rate.
 *
 * <ul>
 *   <li>An alert of an incident ({@link Alert#incident()}, set by the application's {@code Incidents}) at the
 *       minimum severity or worse goes through the first time, and again only when it is worse than any this sink
 *       was given for that incident; a repeat of the same or a milder one is held back and counted. The core's
 *       {@code Incidents} already raises once per incident; this holds even when a raise is repeated (a restart of a
 *       component, two monitors), because a pager is the wrong place to find out.</li>
 *   <li>The alert that resolves an incident goes through if, and only if, this sink was given the incident: a
 *       resolve is INFO, below any pager's minimum, yet it is what closes the page.</li>
 *   <li>Alerts outside incidents at the minimum severity or worse go through at most {@code perMinute} in any 60
 *       seconds; the rest are held back, counted and logged once per minute. Resolves are never held back.</li>
 * </ul>
 *
 * The log sink and the audit trail get every alert regardless: this only decides what reaches a person. Thread-safe.
 */
public final class GroupedAlerts implements AlertSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupedAlerts.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final AlertSeverity minimum;
    private final AlertSink target;
    private final Clock clock;
    private final int perMinute;
    /** Incidents given to the target and not yet resolved, with the worst severity given. */
    private final Map<String, AlertSeverity> open = new HashMap<>();
    private final Deque<Instant> recent = new ArrayDeque<>();
    private final AtomicLong repeatsHeld = new AtomicLong();
    private final AtomicLong rateHeld = new AtomicLong();
    private Instant lastRateWarning = Instant.MIN;

    /**
     * @param minimum the least severe alert the target gets (resolves of its incidents aside)
     * @param perMinute one-off alerts the target gets in any minute, at least 1
     */
    public GroupedAlerts(AlertSeverity minimum, AlertSink target, Clock clock, int perMinute) {
        this.minimum = Objects.requireNonNull(minimum, "minimum");
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (perMinute < 1) {
            throw new IllegalArgumentException("alerts per minute must be at least 1, got " + perMinute);
        }
        this.perMinute = perMinute;
    }

    @Override
    public void send(Alert alert) {
        if (admit(alert)) {
            target.send(alert);
        }
    }

    private synchronized boolean admit(Alert alert) {
        if (alert.incident().isDefined()) {
            String incident = alert.incident().get();
            if (alert.resolvesIncident()) {
                return open.remove(incident) != null;
            }
            if (alert.severity().compareTo(minimum) < 0) {
                return false;
            }
            AlertSeverity worst = open.get(incident);
            if (worst != null && alert.severity().compareTo(worst) <= 0) {
                repeatsHeld.incrementAndGet();
                return false;
            }
            open.put(incident, alert.severity());
            return true;
        }
        if (alert.severity().compareTo(minimum) < 0) {
            return false;
        }
        Instant now = clock.instant();
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
            recent.removeFirst();
        }
        if (recent.size() >= perMinute) {
            rateHeld.incrementAndGet();
            if (!lastRateWarning.isAfter(now.minus(WINDOW))) {
                lastRateWarning = now;
                LOG.warn("more than {} alerts in a minute for {}: '{}' and the next ones this minute are held back"
                        + " (the log and the audit trail have them); {} held back so far", perMinute, target,
                        alert.title(), rateHeld.get());
            }
            return false;
        }
        recent.addLast(now);
        return true;
    }

    /** Repeats of an incident already given to the target, held back since start. */
    public long repeatsHeldBack() {
        return repeatsHeld.get();
    }

    /** One-off alerts held back by the rate, since start. */
    public long rateHeldBack() {
        return rateHeld.get();
    }

    /** The sink behind. */
    public AlertSink target() {
        return target;
    }

    @Override
    public void close() throws Exception {
        if (target instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return target + " (" + minimum + " and worse, one per incident, " + perMinute + " a minute)";
    }
}
