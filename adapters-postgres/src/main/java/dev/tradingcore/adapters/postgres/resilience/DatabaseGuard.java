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
 *   <li>Connection failures ({@link FailureKind#CONNECTION}) are counted by the breaker and leave as
 *       {@code StoreUnavailableException("database unavailable: ...")}.</li>
 *   <li>Data errors, conflicts (40001/40P01, retried by the fill journal itself) and anything else pass through
 *       untouched and count as answers from a live database.</li>
 *   <li>While the breaker is open, calls fail at once with {@code StoreUnavailableException("database unavailable
 *       since ...")}: no connection attempt, no thread waiting.</li>
 *   <li>After {@link GuardSettings#waitInOpenState()} the breaker goes half-open by itself and the guard probes the
 *       database (a pooled connection's {@code isValid}) when a probe pool was given, so it closes without waiting
 *       for traffic. Opening raises a CRITICAL alert, closing an INFO alert.</li>
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
    private volatile GuardStatus status;
    private volatile DataSource probePool;
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
            throw new StoreUnavailableException("database unavailable: " + e.getMessage(), e.getCause());
        } catch (CallNotPermittedException e) {
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
        return "database " + status.describe();
    }

    private synchronized void noteFailure(Exception e) {
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
            alert(AlertSeverity.CRITICAL, "Database unavailable",
                    "The circuit breaker opened after repeated connection failures: new orders are refused, positions"
                            + " are served from memory, fills must be delivered again later. Last failure: "
                            + before.lastFailure().orElse("slow calls"), at);
        } else if (to == BreakerState.CLOSED) {
            alert(AlertSeverity.INFO, "Database available again",
                    "The circuit breaker closed: the database answers again and work resumes (it was unavailable"
                            + " since " + unavailableSince(before) + ").", at);
        } else if (to == BreakerState.HALF_OPEN) {
            scheduleProbe();
        }
        for (Consumer<BreakerTransition> listener : listeners) {
            listener.accept(transition);
        }
    }

    private static Object unavailableSince(GuardStatus before) {
        return before.lastFailureAt().map(Object.class::cast).orElse(before.since());
    }

    private void alert(AlertSeverity severity, String title, String message, Instant at) {
        try {
            alerts.send(new Alert(severity, title, message, at, LinkedHashMap.of("breaker", breaker.getName())));
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
    }
}
