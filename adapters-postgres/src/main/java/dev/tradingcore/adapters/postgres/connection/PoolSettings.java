package dev.tradingcore.adapters.postgres.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one component's connection pool is sized and how long anything may wait.
 *
 * @param name the component, shown in pool metrics and in {@code pg_stat_activity.application_name}
 * @param maximumSize the most connections this pool opens
 * @param timeout the longest any caller waits: for a pooled connection, to connect, for the server's answer; a dead
 *     network surfaces as an error after about this long instead of a thread that hangs forever
 * @param readOnly whether connections of this pool are read-only (analytics)
 * @param synchronousCommit the {@code synchronous_commit} its sessions set, or empty for the server's
 */
public record PoolSettings(String name, int maximumSize, Duration timeout, boolean readOnly,
        Optional<String> synchronousCommit) {

    /** A pool whose sessions commit as the server is configured to. */
    public PoolSettings(String name, int maximumSize, Duration timeout, boolean readOnly) {
        this(name, maximumSize, timeout, readOnly, Optional.empty());
    }

    public PoolSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(synchronousCommit, "synchronousCommit");
        if (maximumSize < 1) {
            throw new IllegalArgumentException("a pool needs at least one connection, got " + maximumSize);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
    }
}
