package dev.tradingcore.application.health;

import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import io.vavr.collection.LinkedHashMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs the health checks every interval and turns what they find into alerts, one incident per condition
 * ({@link Incidents}, key {@code health/<condition>}): one alert when a condition starts, counted at every check that
 * still finds it, one more only when it gets worse than it has been in this incident (a disk going from 20 % to
 * 10 % free; getting better again is not alerted), and one INFO "Resolved:" alert when it has cleared, with how long
 * it lasted and how many checks found it. Nothing while it merely persists: never a storm. Cleared means
 * {@link Hysteresis}: the condition's check found it neither over its threshold nor marginal (between the threshold
 * and its resolve level) at {@code resolveAfterRounds} checks in a row, so that a figure hovering at its limit is one
 * incident, not one per crossing.
 *
 * <ul>
 *   <li>Database availability is the guard's: its breaker alerts when it opens (CRITICAL) and closes (INFO). The
 *       monitor does not alert about it again; while the breaker is not closed it skips the checks that read the
 *       database and keeps what they found last (an unreachable database says nothing about replication lag).</li>
 *   <li>A check that throws while the database answers is itself a condition ("health check ... cannot run",
 *       WARNING, once), because a threshold nobody checks is worse than one that fires.</li>
 * </ul>
 *
 * Every check of a tick measures before any of the tick's findings is alerted: the alerts are audited through the
 * audit pool, which a later check of the same tick would otherwise measure busy with the monitor's own alerts.
 *
 * <p>One thread, fixed delay: a slow tick never piles up runs. {@link #tick()} is public so that tests and the command
 * line can run one now.
 */
public final class HealthMonitor implements AutoCloseable {


    /** The incident key of a condition: {@code health/<condition key>}. */
    public static final String INCIDENT_PREFIX = "health/";

    /**
     * A condition being alerted, since when, which check owns it, the worst severity alerted in this incident, how
     * many checks found it over its threshold, and how many checks in a row since have found it healthy.
     */
    private record Active(String check, Condition condition, Instant since, AlertSeverity worst, long seen,
            int healthy) {

        Active notHealthy() {
            return new Active(check, condition, since, worst, seen, 0);
        }

        Active healthyOnceMore() {
            return new Active(check, condition, since, worst, seen, healthy + 1);
        }
    }

    /**
     * The monitor's view after a tick.
     *
     * @param at when the tick ran
     * @param active the conditions being alerted, with the instant each started (an incident counting healthy checks
     *     towards its resolve is still here)
     * @param skipped checks not run because the database was unavailable
     */
    public record Report(Instant at, Map<Condition, Instant> active, List<String> skipped) {

        /** The keys of the active conditions. */
        public Set<String> keys() {
            Set<String> keys = new java.util.LinkedHashSet<>();
            active.keySet().forEach(c -> keys.add(c.key()));
            return keys;
        }
    }

    private final List<HealthCheck> checks;
    private final Incidents incidents;
    private final Clock clock;
    private final BooleanSupplier databaseAvailable;
    private final Duration interval;
    private final java.util.LinkedHashMap<String, Active> active = new java.util.LinkedHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final List<AutoCloseable> resources = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Report last;
    /** Where the monitor's own troubles are said (a sink that refused an alert, a tick that threw). */
    private volatile java.util.function.BiConsumer<String, Throwable> log = (message, cause) -> { };
    private long ticks;
    private long checkFailures;
    private int resolveAfterRounds = Hysteresis.DESIGN.resolveAfterRounds();

    /**
     * @param databaseAvailable the guard's view (breaker closed): checks that read the database run only then
     */
    public HealthMonitor(List<HealthCheck> checks, AlertSink alerts, Clock clock, BooleanSupplier databaseAvailable,
            Duration interval) {
        this(checks, new Incidents(Objects.requireNonNull(alerts, "alerts"), clock), clock, databaseAvailable,
                interval);
    }

    /**
     * @param incidents the core's incidents (shared with the rest of the core, so that one list holds every open one)
     * @param databaseAvailable the guard's view (breaker closed): checks that read the database run only then
     */
    public HealthMonitor(List<HealthCheck> checks, Incidents incidents, Clock clock,
            BooleanSupplier databaseAvailable, Duration interval) {
        this.checks = List.copyOf(checks);
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.databaseAvailable = Objects.requireNonNull(databaseAvailable, "databaseAvailable");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the monitoring interval must be positive, got " + interval);
        }
        this.interval = interval;
        this.last = new Report(clock.instant(), Map.of(), List.of());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "health-monitor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts ticking; the first check runs one interval from now (the write latency window starts now). */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::safeTick, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log it and keep ticking.
            log.accept("health monitor tick failed", e);
        }
    }

    /**
     * Resolves a condition only after {@code rounds} checks in a row found it healthy (default
     * {@link Hysteresis#DESIGN}'s). Returns this monitor.
     */
    public synchronized HealthMonitor resolvingAfter(int rounds) {
        this.resolveAfterRounds = new Hysteresis(0, rounds).resolveAfterRounds();
        return this;
    }

    /** Runs every check now, raises and clears alerts, and returns the state. */
    public synchronized Report tick() {
        Instant now = clock.instant();
        boolean database = databaseAvailable.getAsBoolean();
        List<String> skipped = new ArrayList<>();
        // Measured first, alerted after: see the class comment.
        List<Runnable> findings = new ArrayList<>();
        ticks++;
        for (HealthCheck check : checks) {
            if (check.needsDatabase() && !database) {
                skipped.add(check.name());
                continue;
            }
            List<Condition> found;
            try {
                found = List.copyOf(check.check());
                findings.add(() -> healthy(failureKey(check), now));
            } catch (HealthCheck.NothingToMeasure nothing) {
                continue;
            } catch (StoreUnavailableException unavailable) {
                // The database went away during the check: the guard counts it, opens and alerts; not a check failure.
                skipped.add(check.name());
                continue;
            } catch (Exception e) {
                checkFailures++;
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                findings.add(() -> update(check.name(), List.of(Condition.of(failureKey(check), AlertSeverity.WARNING,
                        "Health check " + check.name() + " cannot run",
                        "The monitor could not measure " + check.name() + ": " + reason
                                + ". Its threshold is not watched until this clears.",
                        "check", check.name())), now, failureKey(check)));
                continue;
            }
            findings.add(() -> update(check.name(), found, now, null));
        }
        findings.forEach(Runnable::run);
        java.util.LinkedHashMap<Condition, Instant> view = new java.util.LinkedHashMap<>();
        active.values().forEach(a -> view.put(a.condition(), a.since()));
        last = new Report(now, java.util.Collections.unmodifiableMap(view), List.copyOf(skipped));
        return last;
    }

    private static String failureKey(HealthCheck check) {
        return "check-failing:" + check.name();
    }

    /**
     * Applies one check's findings: new keys raise, each key found again is counted (and raised again only when worse
     * than ever in this incident), marginal keys keep an open incident open, keys of this check no longer found count
     * one healthy round towards resolving. {@code onlyKey}, when given, limits that to that key (a failing check
     * keeps its conditions).
     */
    private void update(String check, List<Condition> found, Instant now, String onlyKey) {
        Set<String> seen = new HashSet<>();
        for (Condition condition : found) {
            if (!seen.add(condition.key())) {
                continue;
            }
            Active previous = active.get(condition.key());
            if (condition.marginal()) {
                // Between the resolve level and the threshold: not healthy, not over either (nothing counted).
                if (previous != null) {
                    active.put(condition.key(), previous.notHealthy());
                }
                continue;
            }
            if (previous == null) {
                active.put(condition.key(), new Active(check, condition, now, condition.severity(), 1, 0));
                raise(condition, now, now);
            } else {
                boolean worse = condition.severity().compareTo(previous.worst()) > 0;
                active.put(condition.key(), new Active(check, condition, previous.since(),
                        worse ? condition.severity() : previous.worst(), previous.seen() + 1, 0));
                raise(condition, previous.since(), now);
                if (worse) {
                    send(condition, condition.severity(), condition.title(), condition.message() + " (was "
                            + previous.worst() + " since " + previous.since() + ")", "escalated", previous.since(),
                            now);
                }
            }
        }
        if (onlyKey != null) {
            return;
        }
        List<String> gone = new ArrayList<>();
        for (Active a : active.values()) {
            if (a.check().equals(check) && !seen.contains(a.condition().key())
                    && !a.condition().key().startsWith("check-failing:")) {
                gone.add(a.condition().key());
            }
        }
        gone.forEach(key -> healthy(key, now));
    }

    /** One more check in a row that found {@code key} healthy: resolves it once there have been enough. */
    private void healthy(String key, Instant now) {
        Active a = active.get(key);
        if (a == null) {
            return;
        }
        Active counted = a.healthyOnceMore();
        if (counted.healthy() >= resolveAfterRounds) {
            clear(key, now);
        } else {
            active.put(key, counted);
        }
    }

    /** Opens the condition's incident, or counts one more check that found it. */
    private void raise(Condition condition, Instant since, Instant now) {
        try {
            incidents.raise(INCIDENT_PREFIX + condition.key(), condition.severity(), condition.title(),
                    condition.message(), context(condition, "raised", since));
        } catch (RuntimeException e) {
            log.accept("the alert sink failed to take the alert '" + condition.title() + "'", e);
        }
    }

    private void clear(String key, Instant now) {
        Active a = active.remove(key);
        if (a == null) {
            return;
        }
        try {
            incidents.resolve(INCIDENT_PREFIX + key, "No longer true at " + now + "; it was " + a.worst()
                    + " at worst since " + a.since() + ", found by " + a.seen() + " check(s). Last seen: "
                    + a.condition().message(), context(a.condition(), "resolved", a.since()));
        } catch (RuntimeException e) {
            log.accept("the alert sink failed to take the alert 'Resolved: " + a.condition().title() + "'", e);
        }
    }

    private static LinkedHashMap<String, String> context(Condition condition, String state, Instant since) {
        return LinkedHashMap.<String, String>empty().put("condition", condition.key()).put("state", state)
                .put("since", since.toString()).merge(LinkedHashMap.ofAll(condition.context()));
    }

    /** An alert beside the incident's own (a worsening): with the incident's key, so that a pager keeps them together. */
    private void send(Condition condition, AlertSeverity severity, String title, String message, String state,
            Instant since, Instant now) {
        LinkedHashMap<String, String> context = context(condition, state, since)
                .put(Incidents.KEY, INCIDENT_PREFIX + condition.key()).put(Incidents.STATE, state);
        try {
            incidents.sink().send(new Alert(severity, title, message, now, context));
        } catch (RuntimeException e) {
            log.accept("the alert sink failed to take the alert '" + title + "'", e);
        }
    }

    /** Says the monitor's own troubles to {@code warn} (the core's log). Returns this monitor. */
    public HealthMonitor logging(java.util.function.BiConsumer<String, Throwable> warn) {
        this.log = Objects.requireNonNull(warn, "warn");
        return this;
    }

    /** The state after the last tick. */
    public Report lastReport() {
        return last;
    }

    /** Ticks run and check runs that threw, since start. */
    public synchronized String describe() {
        return "ticks=" + ticks + " check-failures=" + checkFailures + " active=" + active.keySet();
    }

    /** Closes {@code resource} (a pool the checks read through) when the monitor closes. Returns this monitor. */
    public HealthMonitor closing(AutoCloseable resource) {
        resources.add(Objects.requireNonNull(resource, "resource"));
        return this;
    }

    /** Stops ticking (a tick in progress is interrupted) and closes what the checks read through. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.accept("closing " + resource + " failed", e);
            }
        }
    }
}
