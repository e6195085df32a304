package dev.tradingcore.adapters.postgres.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the core uses PostgreSQL's replication.
 *
 * @param replicaMaxLag the most a replica may be behind for analytics to read from it; beyond, they read the primary
 * @param synchronousCommit the {@code synchronous_commit} every writing connection sets, or empty for the server's own
 *     setting. With a synchronous standby named in the primary's {@code synchronous_standby_names}: {@code on} waits
 *     until the standby has flushed the commit's WAL to its disk, {@code remote_apply} until it has applied it (a
 *     read on the standby then sees the commit), {@code remote_write} until the standby's OS has it; {@code local}
 *     waits for the primary's disk only. {@code off} is refused: it acknowledges a fill before it is on any disk.
 */
public record ReplicationSettings(Duration replicaMaxLag, Optional<String> synchronousCommit) {

    /** The values of {@code synchronous_commit} the core accepts. */
    public static final Set<String> SYNCHRONOUS_COMMIT_LEVELS = Set.of("on", "remote_apply", "remote_write", "local");

    /** A 5 s bound (the design's replication-lag warning) and the server's own synchronous_commit. */
    public static final ReplicationSettings DEFAULTS =
            new ReplicationSettings(Duration.ofSeconds(5), Optional.empty());

    public ReplicationSettings {
        Objects.requireNonNull(replicaMaxLag, "replicaMaxLag");
        Objects.requireNonNull(synchronousCommit, "synchronousCommit");
        if (replicaMaxLag.isNegative() || replicaMaxLag.isZero()) {
            throw new IllegalArgumentException("the replica's lag bound must be positive, got " + replicaMaxLag);
        }
        if (synchronousCommit.isPresent() && !SYNCHRONOUS_COMMIT_LEVELS.contains(synchronousCommit.get())) {
            throw new IllegalArgumentException("synchronous_commit must be one of on, remote_apply, remote_write,"
                    + " local (off would acknowledge fills that are on no disk yet), got '" + synchronousCommit.get()
                    + "'");
        }
    }

    /** These settings with {@code synchronous_commit} set to {@code level} for every writing connection. */
    public ReplicationSettings withSynchronousCommit(String level) {
        return new ReplicationSettings(replicaMaxLag, Optional.of(level));
    }
}
