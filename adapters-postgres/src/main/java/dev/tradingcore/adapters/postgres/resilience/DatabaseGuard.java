package dev.tradingcore.adapters.postgres.resilience;

import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.DatabaseHealth;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vavr.collection.LinkedHashMap;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call to the database goes through here: a circuit breaker (resilience4j) that opens on repeated connection
 * failures, retries with exponential backoff and jitter for the connection failures a retry can cure, and the
 * translation of infrastructure failures into the domain's {@link StoreUnavailableException}.
 *
 * <ul>
 *   <li>Connection failures ({@link FailureKind#CONNECTION}: unreachable, dropped, starting up, or unable to keep
 *       writes: disk full, read-only) are counted by the breaker and leave as
 *       {@code StoreUnavailableException("database unavailable: ...")} saying what failed, where and what to do. One
 *       that waited out the timeout (a dead network, a pool that cannot connect) or a refused write opens the
 *       breaker at once: the next caller would only wait or fail the same way.</li>
 *   <li>Data errors, conflicts (40001/40P01, retried by the fill journal itself) and anything else pass through
 *       untouched and count as answers from a live database.</li>
 *   <li>While the breaker is open, calls fail at once with {@code StoreUnavailableException("database unavailable
 *       since ...")}: no connection attempt, no thread waiting.</li>
 *   <li>After {@link GuardSettings#waitInOpenState()} the breaker goes half-open by itself and the guard probes the
 *       database (a pooled connection's {@code isValid}, then a small write when one was given) when a probe pool was
 *       given, so it closes without waiting for traffic. An outage is one incident: its first opening raises a
 *       CRITICAL alert, reopenings while it lasts are counted, and an INFO alert resolves it once the breaker has
 *       stayed closed for the wait in the open state.</li>
 * </ul>
 *
 * It is the application's {@link DatabaseHealth}: work is accepted only while the breaker is closed.
 */
public final class DatabaseGuard implements DatabaseHealth, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGuard.class);

    private final GuardSettings settings;
    private final AlertSink alerts;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final List<Consumer<BreakerTransition>> listeners = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong longestCallNanos = new java.util.concurrent.atomic.AtomicLong();
    private volatile GuardStatus status;
    private volatile DataSource probePool;
    private volatile Optional<String> writeProbe = Optional.empty();
    /** The key of the database-unavailable incident in alerts' context (as the application's incidents have). */
    public static final String INCIDENT = "database-unavailable";
    private Instant incidentSince;
    private long openings;
    private ScheduledFuture<?> resolving;
    private ScheduledExecutorService timer;
    private final java.util.concurrent.atomic.AtomicLong refusedCalls = new java.util.concurrent.atomic.AtomicLong();
    /** Calls that failed to reach the database since the guard started: never reset, a counter for monitoring. */
    private final java.util.concurrent.atomic.AtomicLong connectionFailures = new java.util.concurrent.atomic.AtomicLong();
    private volatile String location = "";
    private volatile ExecutorService prober;

    /**
     * @param name the breaker's name in logs and alerts ("primary")
     * @param alerts where the opening and closing of the breaker are reported
     * @param clock the time written into the status and alerts
     */
    public DatabaseGuard(String name, GuardSettings settings, AlertSink alerts, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.status = new GuardStatus(BreakerState.CLOSED, clock.instant(), Optional.empty(), Optional.empty());
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .slowCallDurationThreshold(settings.slowCallDuration())
                .slowCallRateThreshold(settings.slowCallRatePercent())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                // A half-open breaker whose probes never come back goes back to open rather than waiting forever.
                .maxWaitDurationInHalfOpenState(settings.waitInOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(ConnectionLost.class::isInstance)
                .build();
        this.breaker = CircuitBreaker.of(Objects.requireNonNull(name, "name"), breakerConfig);
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5,
                        settings.maxBackoff()))
                .retryOnException(e -> e instanceof ConnectionLost lost && lost.worthRetrying())
                .build();
        this.retry = Retry.of(name, retryConfig);
        breaker.getEventPublisher().onStateTransition(event -> onTransition(
                map(event.getStateTransition().getFromState()), map(event.getStateTransition().getToState())));
    }

    /**
     * Lets the guard probe the database through {@code pool} whenever the breaker turns half-open, so that it closes
     * as soon as the database answers even if no work arrives. Returns this guard.
     */
    public DatabaseGuard probingWith(DataSource pool) {
        return probingWith(pool, Optional.empty());
    }

    /**
     * {@link #probingWith(DataSource)}, and each probe also runs {@code writeProbe} (a small write) after the validity
     * check: a database whose disk is full or that turned read-only answers a validity check, and without the write
     * the breaker would close and open again every few seconds while nothing could be booked.
     */
    public DatabaseGuard probingWith(DataSource pool, Optional<String> writeProbe) {
        this.writeProbe = Objects.requireNonNull(writeProbe, "writeProbe");
        this.probePool = Objects.requireNonNull(pool, "pool");
        synchronized (this) {
            if (prober == null) {
                prober = Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "database-guard-probe-" + breaker.getName());
                    thread.setDaemon(true);
                    return thread;
                });
            }
        }
        return this;
    }

    /**
     * Runs {@code operation} under the guard.
     *
     * @param retryable whether the operation may run again after a connection failure: only reads and writes that
     *     are idempotent (a lost commit acknowledgement means the first run may have committed)
     * @throws StoreUnavailableException when the database is unreachable or the breaker is open
     */
    public <T> T execute(Supplier<T> operation, boolean retryable) {
        Objects.requireNonNull(operation, "operation");
        try {
            return call(operation::get, retryable);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /** {@link #execute} for an operation that may throw checked exceptions; they come out as they went in. */
    public <T> T call(Callable<T> operation, boolean retryable) throws Exception {
        long started = System.nanoTime();
        try {
            return guardedCall(operation, retryable);
        } finally {
            longestCallNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
        }
    }

    /**
     * The longest any one call through the guard took since the start (or the last {@link #resetLongestCall()}),
     * retries included: what the slowest caller waited for the database. With a database that is away it stays
     * within the timeout and a second (the pool wait, one validity check and the socket are each bounded, and the
     * breaker opens at the first call that waited them out).
     */
    public Duration longestCall() {
        return Duration.ofNanos(longestCallNanos.get());
    }

    /** Calls through the guard that failed to reach the database (retries each counted), since it started. */
    public long connectionFailures() {
        return connectionFailures.get();
    }

    /** Starts measuring {@link #longestCall()} afresh. */
    public void resetLongestCall() {
        longestCallNanos.set(0);
    }

    private <T> T guardedCall(Callable<T> operation, boolean retryable) throws Exception {
        Callable<T> attempt = () -> {
            try {
                return operation.call();
            } catch (Exception e) {
                if (DatabaseFailures.classify(e) == FailureKind.CONNECTION) {
                    noteFailure(e);
                    throw new ConnectionLost(e, DatabaseFailures.worthRetrying(e));
                }
                throw e;
            }
        };
        Callable<T> broken = CircuitBreaker.decorateCallable(breaker, attempt);
        Callable<T> guarded = retryable && settings.maxAttempts() > 1 ? Retry.decorateCallable(retry, broken) : broken;
        try {
            return guarded.call();
        } catch (ConnectionLost e) {
            if (DatabaseFailures.waitedOut(e.getCause()) || DatabaseFailures.writesRefused(e.getCause())) {
                openAtOnce();
            }
            throw new StoreUnavailableException(unavailable(e.getCause()), e.getCause());
        } catch (CallNotPermittedException e) {
            refusedCalls.incrementAndGet();
            GuardStatus now = status;
            throw new StoreUnavailableException("database " + now.describe(), e);
        } catch (Exception e) {
            if (DatabaseFailures.classify(e) == FailureKind.TIMEOUT) {
                throw new StoreUnavailableException("database did not answer in time: "
                        + DatabaseFailures.rootMessage(e), e);
            }
            throw e;
        }
    }

    /**
     * A call waited the whole timeout for a connection or an answer and got neither: the database is away or the
     * network to it is dead, and each next caller would wait as long. The breaker opens now rather than after a
     * window of such calls (five calls of up to the timeout and a second each: a trading thread held for half a
     * minute, as a black-holed network did before); its probes close it when the database answers again.
     */
    private synchronized void openAtOnce() {
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN) {
            try {
                breaker.transitionToOpenState();
            } catch (RuntimeException raced) {
                LOG.debug("the breaker changed state meanwhile", raced);
            }
        }
    }

    /**
     * A server that takes writes answers again (after a failover, the promoted one): probe it now instead of after
     * the rest of the wait in the open state, which would add up to that wait to every failover. Nothing happens when
     * the breaker is not open; the probe closes the breaker only if the database takes a write.
     */
    public synchronized void probeNow() {
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            try {
                breaker.transitionToHalfOpenState();
            } catch (RuntimeException raced) {
                LOG.debug("the breaker changed state meanwhile", raced);
            }
        }
    }

    /**
     * Names the database in the guard's messages ("127.0.0.1:5432/trading_core", never with a password), so that a
     * person reading one knows which server to look at. Returns this guard.
     */
    public DatabaseGuard at(String where) {
        this.location = Objects.requireNonNull(where, "where");
        return this;
    }

    /** What failed, where, and what to do: one line for the caller's refusal reason and the log. */
    private String unavailable(Throwable cause) {
        String where = location.isEmpty() ? "" : " (" + location + ")";
        if (DatabaseFailures.writesRefused(cause)) {
            return "database unavailable: it cannot keep writes" + where + ": " + DatabaseFailures.rootMessage(cause)
                    .lines().findFirst().orElse("") + ". Free space on the database server's disk or tablespace (or,"
                    + " if it turned read-only, point DATABASE_URL at the primary); new orders are refused and fills"
                    + " wait at the broker until it takes writes again";
        }
        return "database unavailable" + where + ": " + DatabaseFailures.rootMessage(cause).lines().findFirst()
                .orElse("") + ". Check that the server runs and can be reached from here; new orders are refused and"
                + " fills wait at the broker until it answers";
    }

    /** The breaker's state, since when, and the last connection failure. */
    public GuardStatus status() {
        return status;
    }

    /** Calls {@code listener} on every state change (on the thread that caused it); for monitoring and tests. */
    public void onTransition(Consumer<BreakerTransition> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** True only while the breaker is closed: new orders wait for a database that has shown it answers. */
    @Override
    public boolean acceptingWork() {
        return status.state() == BreakerState.CLOSED;
    }

    @Override
    public String describe() {
        GuardStatus now = status;
        if (now.state() == BreakerState.CLOSED || location.isEmpty()) {
            return "database " + now.describe();
        }
        return "database " + now.describe() + "; it is " + location + ": check that the server runs, can be reached"
                + " from here, is not read-only and has free disk space";
    }

    private synchronized void noteFailure(Exception e) {
        connectionFailures.incrementAndGet();
        GuardStatus now = status;
        status = new GuardStatus(now.state(), now.since(), Optional.of(DatabaseFailures.rootMessage(e)),
                Optional.of(clock.instant()));
    }

    private synchronized void onTransition(BreakerState from, BreakerState to) {
        if (from == to) {
            return;
        }
        Instant at = clock.instant();
        GuardStatus before = status;
        status = new GuardStatus(to, at, before.lastFailure(), before.lastFailureAt());
        BreakerTransition transition = new BreakerTransition(from, to, at);
        LOG.info("database circuit {}: {} -> {}", breaker.getName(), from, to);
        if (to == BreakerState.OPEN && from == BreakerState.CLOSED) {
            opened(before, at);
        } else if (to == BreakerState.CLOSED) {
            closed();
        } else if (to == BreakerState.HALF_OPEN) {
            scheduleProbe();
        }
        for (Consumer<BreakerTransition> listener : listeners) {
            listener.accept(transition);
        }
    }

    /**
     * One incident per outage, not one per breaker transition: a database that answers a probe and then fails the
     * next write (a full disk, a server still starting up) closes and opens the breaker every few seconds, and each
     * transition was an alert. The incident is raised when the breaker first opens, counts every reopening while it
     * lasts, and is resolved once the breaker has stayed closed for the breaker's wait in the open state.
     */
    private void opened(GuardStatus before, Instant at) {
        ScheduledFuture<?> pending = resolving;
        if (pending != null) {
            pending.cancel(false);
            resolving = null;
        }
        if (incidentSince != null) {
            openings++;
            LOG.warn("database{} unavailable again ({} times since {}, one incident, alerted once): {}", where(),
                    openings, incidentSince, before.lastFailure().orElse("slow calls"));
            return;
        }
        incidentSince = at;
        openings = 1;
        refusedCalls.set(0);
        alert(AlertSeverity.CRITICAL, "Database unavailable", "The database" + where() + " does not answer or cannot"
                + " keep writes (last failure: " + before.lastFailure().orElse("slow calls") + "). New orders are"
                + " refused with this reason, positions are served from memory (stale until it is back), fills wait"
                + " at the broker and are booked once it is back; the guard probes it every "
                + settings.waitInOpenState().toSeconds() + " s and resumes by itself. What to do: check that the"
                + " server runs, is reachable from here, is not read-only and has free disk space.", at, "raised",
                LinkedHashMap.empty());
    }

    private void closed() {
        if (incidentSince == null || resolving != null) {
            return;
        }
        try {
            resolving = timer().schedule(this::resolveIfStillClosed, settings.waitInOpenState().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("guard closed; the incident stays open", e);
        }
    }

    private synchronized void resolveIfStillClosed() {
        resolving = null;
        if (incidentSince == null || breaker.getState() != CircuitBreaker.State.CLOSED) {
            return;
        }
        Instant at = clock.instant();
        alert(AlertSeverity.INFO, "Database available again", "The database" + where() + " answers and takes"
                + " writes again: new orders are accepted and the fills the broker made meanwhile are booked (it was"
                + " unavailable since " + incidentSince + ", for " + Duration.between(incidentSince, at).toSeconds()
                + " s; the breaker opened " + openings + " time(s); " + refusedCalls.get() + " calls were refused"
                + " meanwhile).", at, "resolved", LinkedHashMap.of("since", incidentSince.toString(), "occurrences",
                        Long.toString(openings), "refused_calls", Long.toString(refusedCalls.get())));
        incidentSince = null;
        openings = 0;
    }

    private String where() {
        return location.isEmpty() ? "" : " " + location;
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "database-guard-timer-" + breaker.getName());
                thread.setDaemon(true);
                return thread;
            });
        }
        return timer;
    }

    private void alert(AlertSeverity severity, String title, String message, Instant at, String state,
            io.vavr.collection.Map<String, String> more) {
        try {
            alerts.send(new Alert(severity, title, message, at, LinkedHashMap.of("breaker", breaker.getName(),
                    "incident", INCIDENT, "incident_state", state).merge(more)));
        } catch (RuntimeException e) {
            // The sink's contract is not to throw; a broken one must not break the caller's call either.
            LOG.warn("the alert sink failed to take the alert '{}'", title, e);
        }
    }

    private void scheduleProbe() {
        ExecutorService executor = prober;
        DataSource pool = probePool;
        if (executor == null || pool == null) {
            return;
        }
        try {
            executor.execute(() -> probe(pool));
        } catch (RejectedExecutionException e) {
            LOG.debug("guard closed; no probe", e);
        }
    }

    private void probe(DataSource pool) {
        int seconds = (int) Math.max(1, settings.slowCallDuration().toSeconds());
        for (int i = 0; i < settings.permittedCallsInHalfOpenState()
                && breaker.getState() == CircuitBreaker.State.HALF_OPEN; i++) {
            try {
                call(() -> {
                    try (Connection connection = pool.getConnection()) {
                        if (!connection.isValid(seconds)) {
                            throw new SQLException("the probe connection is not valid", "08006");
                        }
                        Optional<String> write = writeProbe;
                        if (write.isPresent()) {
                            try (java.sql.Statement statement = connection.createStatement()) {
                                statement.setQueryTimeout(seconds);
                                statement.executeUpdate(write.get());
                            }
                        }
                        return Boolean.TRUE;
                    }
                }, false);
            } catch (Exception e) {
                LOG.debug("database probe failed", e);
                return;
            }
        }
    }

    private static BreakerState map(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case CLOSED, DISABLED, METRICS_ONLY -> BreakerState.CLOSED;
        };
    }

    /** The longest a retryable call may spend between attempts, for callers that compute their own bounds. */
    public Duration worstBackoff() {
        Duration total = Duration.ZERO;
        Duration next = settings.initialBackoff();
        for (int i = 1; i < settings.maxAttempts(); i++) {
            Duration jittered = next.plus(next.dividedBy(2));
            total = total.plus(jittered.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : jittered);
            next = next.multipliedBy(2);
        }
        return total;
    }

    /** Stops the probe thread. */
    @Override
    public void close() {
        ExecutorService executor = prober;
        if (executor != null) {
            executor.shutdownNow();
        }
        synchronized (this) {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }
}
