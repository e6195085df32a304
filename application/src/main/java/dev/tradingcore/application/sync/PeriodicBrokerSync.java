package dev.tradingcore.application.sync;

import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.port.in.SyncRound;
import dev.tradingcore.application.port.in.SyncWithBroker;
import dev.tradingcore.domain.port.AlertSeverity;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the broker sync every interval on one thread (fixed delay: a slow round never piles up rounds). A round that
 * fails, or throws, is counted and the next one tries again: the thread never dies. A round that throws is a defect
 * (the sync answers its failures, it does not throw them): a person is told at once, with where it was thrown, once
 * per incident however many rounds it lasts, and told again when a round passes. Rounds that fail without throwing
 * are the sync's own to alert on ({@link BrokerSync}).
 */
public final class PeriodicBrokerSync implements AutoCloseable {

    /** The incident of rounds that throw. */
    static final String THROWN = "broker-sync-thrown";

    private final SyncWithBroker sync;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<SyncRound> last = new AtomicReference<>();
    private final Incidents incidents;

    public PeriodicBrokerSync(SyncWithBroker sync, Duration interval, Incidents incidents) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the broker sync interval must be positive, got " + interval);
        }
        this.sync = sync;
        this.interval = interval;
        this.incidents = java.util.Objects.requireNonNull(incidents, "incidents");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "broker-sync");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the rounds; the first runs at once. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round. Public so that a test or the main job can force one (e.g. a last round before the summary). */
    public void tick() {
        try {
            SyncRound round = sync.syncOnce();
            last.set(round);
            if (!round.isComplete()) {
                failed.incrementAndGet();
            }
            incidents.resolve(THROWN, "a broker sync round ran to its end again");
        } catch (RuntimeException | Error unexpected) {
            // A scheduled task that throws is never run again: count it, tell a person, keep going.
            failed.incrementAndGet();
            raise(unexpected);
        } finally {
            rounds.incrementAndGet();
        }
    }

    private void raise(Throwable unexpected) {
        String where = java.util.Arrays.stream(unexpected.getStackTrace()).limit(5).map(StackTraceElement::toString)
                .collect(java.util.stream.Collectors.joining(" < "));
        try {
            incidents.raise(THROWN, AlertSeverity.HIGH, "Broker sync round failed unexpectedly",
                    "a broker sync round threw " + unexpected + " at " + where + "; fills and order states are not "
                            + "read while it does; the sync tries again every " + interval.toSeconds() + " s");
        } catch (RuntimeException alertingFailed) {
            // The sink failing too must not end the thread; the failure is counted in roundsFailed().
            unexpected.addSuppressed(alertingFailed);
        }
    }

    public long rounds() {
        return rounds.get();
    }

    /** Rounds that could not read or record everything (they are retried by the next round). */
    public long roundsFailed() {
        return failed.get();
    }

    /** The last round's result; none before the first round. */
    public io.vavr.control.Option<SyncRound> lastRound() {
        return io.vavr.control.Option.of(last.get());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
