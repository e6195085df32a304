package dev.tradingcore.bootstrap.failover;

import dev.tradingcore.adapters.postgres.replication.ReplicationStatus;
import dev.tradingcore.adapters.postgres.resilience.BreakerState;
import dev.tradingcore.adapters.postgres.resilience.BreakerTransition;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up recovery again when the database that answers after an outage is another server than before: a replica
 * was promoted. With asynchronous replication the promoted server may lack fills the old primary had acknowledged,
 * and orders whose writes were in flight when it died are in whatever state it last streamed; the core's memory
 * (positions, open orders) describes the old server. Recovery loads positions from the new server, settles the
 * orders with the broker, records every fill the broker made that the new server lacks, exactly once, and reconciles
 * positions, as at a start.
 *
 * <p>"Another server" is the address and port the core's own connections reach ({@code inet_server_addr()},
 * {@code inet_server_port()}), which changes when pgjdbc's multi-host URL moves to the promoted host. Behind a virtual
 * IP that moves with the primary it does not change: there, the failover manager's hook runs recovery (see
 * docs/operations.md). Checked each time the breaker closes; the recovery runs on its own thread, never on the
 * caller's that closed the breaker.
 */
public final class FailoverRecovery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverRecovery.class);

    private final ReplicationStatus server;
    private final java.util.function.BooleanSupplier recovery;
    private final Runnable primaryAnswers;
    private final java.util.function.BooleanSupplier accepting;
    private volatile boolean recovering;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "failover-recovery");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger recoveries = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();
    /** How long after losing its server the core keeps asking which server answers, and retrying recovery. */
    private static final java.time.Duration WAIT_FOR_SERVER = java.time.Duration.ofMinutes(5);
    /** How long recovery waits for the guard's breaker to close before its first attempt. */
    private static final java.time.Duration WAIT_FOR_BREAKER = java.time.Duration.ofSeconds(10);
    private volatile Optional<String> known = Optional.empty();

    /**
     * @param server the server the core's writing pool reaches
     * @param recovery start-up style recovery of the core; true when it completed (false: tried again a second later)
     */
    public FailoverRecovery(ReplicationStatus server, java.util.function.BooleanSupplier recovery) {
        this(server, recovery, () -> { }, () -> true);
    }

    /**
     * @param primaryAnswers told when a primary answers after the server was lost (the guard probes at once rather
     *     than after its breaker's wait)
     * @param accepting whether the core's database calls go through now (the guard's breaker closed): recovery waits
     *     for it, a few seconds at most, rather than fail its first attempt on a breaker still half-open
     */
    public FailoverRecovery(ReplicationStatus server, java.util.function.BooleanSupplier recovery,
            Runnable primaryAnswers, java.util.function.BooleanSupplier accepting) {
        this.server = Objects.requireNonNull(server, "server");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.primaryAnswers = Objects.requireNonNull(primaryAnswers, "primaryAnswers");
        this.accepting = Objects.requireNonNull(accepting, "accepting");
    }

    /** Notes the server reached now (at start, after start-up recovery). */
    public void noteServer() {
        try {
            known = Optional.of(server.server().address());
        } catch (SQLException e) {
            // Down at start: the first server seen after the breaker closes is the one noted.
        }
    }

    /** The guard's listener: on a closing breaker, checks (on the worker thread) whether the server changed. */
    public void onTransition(BreakerTransition transition) {
        if (transition.to() == BreakerState.CLOSED && transition.from() != BreakerState.CLOSED) {
            worker.execute(() -> checkServer(false));
        }
    }

    /**
     * The pools' listener: they dropped their connections because the server went away. Waits (on the worker thread)
     * until a server answers, then checks whether it is another one. A fast promotion can be over before the breaker
     * opens, so this, not the breaker, is what sees most failovers.
     */
    public void onServerLost() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                long deadline = System.nanoTime() + WAIT_FOR_SERVER.toNanos();
                while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                    if (checkServer(true)) {
                        return;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
    }

    /** Whether a recovery after a failover is running or waiting to be tried again. */
    public boolean recovering() {
        return recovering || pending.get();
    }

    /** How many recoveries a failover started (for status and tests). */
    public int recoveries() {
        return recoveries.get();
    }

    /**
     * True once a primary answered (whether or not it was another one).
     *
     * @param lost whether the pools lost their server (then the guard is told that a primary answers)
     */
    private boolean checkServer(boolean lost) {
        String now;
        try {
            ReplicationStatus.Server answering = server.server();
            if (answering.standby()) {
                return false; // no recovery can write there
            }
            now = answering.address();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
        if (lost) {
            primaryAnswers.run();
        }
        Optional<String> before = known;
        known = Optional.of(now);
        if (before.isPresent() && !before.get().equals(now)) {
            LOG.warn("The database server changed from {} to {} (a failover): running start-up recovery",
                    before.get(), now);
            recoveries.incrementAndGet();
            recover(now);
        }
        return true;
    }

    /**
     * Recovery on {@code target}, tried again every second until it completes; if meanwhile another server takes
     * over (the new primary died too), recovery moves to that one.
     */
    private void recover(String target) {
        recovering = true;
        try {
            long deadline = System.nanoTime() + WAIT_FOR_SERVER.toNanos();
            while (System.nanoTime() < deadline) {
                long ready = System.nanoTime() + WAIT_FOR_BREAKER.toNanos();
                while (!accepting.getAsBoolean() && System.nanoTime() < ready) {
                    Thread.sleep(50);
                }
                if (recoveredOnce(target)) {
                    return;
                }
                Thread.sleep(1_000);
                Optional<String> answering = answeringPrimary();
                if (answering.isPresent()) {
                    if (!answering.get().equals(target)) {
                        LOG.warn("The database server changed again, from {} to {}: recovery moves there", target,
                                answering.get());
                        recoveries.incrementAndGet();
                        target = answering.get();
                        known = answering;
                    }
                    primaryAnswers.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            recovering = false;
        }
    }

    private Optional<String> answeringPrimary() {
        try {
            ReplicationStatus.Server answering = server.server();
            return answering.standby() ? Optional.empty() : Optional.of(answering.address());
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean recoveredOnce(String now) {
        try {
            if (recovery.getAsBoolean()) {
                LOG.info("Recovery after the failover to {} complete", now);
                return true;
            }
            LOG.warn("Recovery after the failover to {} incomplete; trying again in a second", now);
        } catch (RuntimeException e) {
            LOG.error("Recovery after the failover to {} failed; trying again in a second", now, e);
        }
        return false;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
