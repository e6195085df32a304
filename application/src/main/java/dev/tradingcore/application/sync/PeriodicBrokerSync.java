package dev.tradingcore.application.sync;

import dev.tradingcore.application.port.in.SyncRound;
import dev.tradingcore.application.port.in.SyncWithBroker;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the broker sync every interval on one thread (fixed delay: a slow round never piles up rounds). A round that
 * fails, or throws, is counted and the next one tries again: the thread never dies.
 */
public final class PeriodicBrokerSync implements AutoCloseable {

    private final SyncWithBroker sync;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<SyncRound> last = new AtomicReference<>();

    public PeriodicBrokerSync(SyncWithBroker sync, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the broker sync interval must be positive, got " + interval);
        }
        this.sync = sync;
        this.interval = interval;
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
        } catch (RuntimeException unexpected) {
            // A scheduled task that throws is never run again: count it and keep going.
            failed.incrementAndGet();
        } finally {
            rounds.incrementAndGet();
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
