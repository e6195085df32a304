package dev.tradingcore.bootstrap;

import dev.tradingcore.domain.common.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What a background task (price poll, switch reload) does with a failure: it keeps ticking, and the failure is
 * counted and said, the first after a success at once and then at most once a minute with the count, so that a
 * failure repeating every second is neither silent nor a log storm. The database being away is the guard's incident
 * (one alert per outage): counted, not said again here.
 */
final class BackgroundFailures {

    private static final Duration QUIET = Duration.ofMinutes(1);

    private final String task;
    private final Consumer<String> log;
    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();
    private long unsaid;
    private Instant lastSaid;
    private boolean failing;

    BackgroundFailures(String task, Consumer<String> log, Clock clock) {
        this.task = task;
        this.log = log;
        this.clock = clock;
    }

    /** Runs one tick of the task; whatever it throws is counted and said, never thrown on. */
    void run(Runnable tick) {
        try {
            tick.run();
            synchronized (this) {
                failing = false;
            }
        } catch (StoreUnavailableException away) {
            failures.incrementAndGet();
        } catch (RuntimeException failed) {
            failures.incrementAndGet();
            said(failed);
        }
    }

    private synchronized void said(RuntimeException failed) {
        Instant now = clock.instant();
        unsaid++;
        if (!failing || lastSaid == null || !now.isBefore(lastSaid.plus(QUIET))) {
            log.accept(task + " failed" + (unsaid > 1 ? " (" + unsaid + " times since last said)" : "") + ": "
                    + failed + "; it runs again at its next tick");
            unsaid = 0;
            lastSaid = now;
        }
        failing = true;
    }

    /** Failures since the core started, the database's absence included. */
    long count() {
        return failures.get();
    }
}
