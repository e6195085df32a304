package dev.tradingcore.application.risk;

import dev.tradingcore.application.port.in.SnapshotRisk;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.domain.common.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The design's Periodic Snapshot Manager: a snapshot every interval (5 minutes by default) while trading is enabled.
 * A failed snapshot (database away) is counted and the next tick tries again; one slow snapshot never piles up
 * runs (fixed delay, one thread).
 */
public final class PeriodicRiskSnapshots implements AutoCloseable {

    private final SnapshotRisk risk;
    private final TradingControls controls;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public PeriodicRiskSnapshots(SnapshotRisk risk, TradingControls controls, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the risk snapshot interval must be positive, got " + interval);
        }
        this.risk = risk;
        this.controls = controls;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "risk-snapshots");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts ticking; the first snapshot is taken one interval from now. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One tick: a snapshot if trading is enabled. Public so that a test or the command line can force one. */
    public void tick() {
        try {
            if (controls.tradingSwitch().enabled()) {
                risk.snapshot();
                taken.incrementAndGet();
            }
        } catch (StoreUnavailableException unavailable) {
            failed.incrementAndGet();
        } catch (RuntimeException unexpected) {
            // A scheduled task that throws is never run again: count it and keep ticking.
            failed.incrementAndGet();
        }
    }

    public long snapshotsTaken() {
        return taken.get();
    }

    public long snapshotsFailed() {
        return failed.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
