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
    private final Runnable recovery;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "failover-recovery");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger recoveries = new AtomicInteger();
    private volatile Optional<String> known = Optional.empty();

    /**
     * @param server the server the core's writing pool reaches
     * @param recovery start-up style recovery of the core
     */
    public FailoverRecovery(ReplicationStatus server, Runnable recovery) {
        this.server = Objects.requireNonNull(server, "server");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
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
            worker.execute(this::checkServer);
        }
    }

    /** How many recoveries a failover started (for status and tests). */
    public int recoveries() {
        return recoveries.get();
    }

    private void checkServer() {
        String now;
        try {
            now = server.server().address();
        } catch (SQLException e) {
            LOG.warn("Could not tell which database server answers after an outage ({}); checked again when the"
                    + " breaker next closes", e.getMessage());
            return;
        }
        Optional<String> before = known;
        known = Optional.of(now);
        if (before.isPresent() && !before.get().equals(now)) {
            LOG.warn("The database server changed from {} to {} (a failover): running start-up recovery",
                    before.get(), now);
            recoveries.incrementAndGet();
            try {
                recovery.run();
            } catch (RuntimeException e) {
                LOG.error("Recovery after the failover to {} failed; run it again (trading-core reconcile)", now, e);
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
