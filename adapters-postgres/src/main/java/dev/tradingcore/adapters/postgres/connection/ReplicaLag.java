package dev.tradingcore.adapters.postgres.connection;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How far a replica is behind its primary.
 *
 * @param bytes the WAL the primary has written that the replica has not replayed yet
 * @param behind how long ago the primary was at a position the replica has not replayed yet (zero when caught up)
 */
public record ReplicaLag(long bytes, Duration behind) {

    public ReplicaLag {
        Objects.requireNonNull(behind, "behind");
        if (bytes < 0) {
            throw new IllegalArgumentException("a lag in bytes is never negative, got " + bytes);
        }
    }

    /** {@code 1234 B, 0.250 s}. */
    public String describe() {
        return bytes + " B, " + String.format(Locale.ROOT, "%.3f s", behind.toNanos() / 1e9);
    }
}
