package dev.tradingcore.adapters.postgres.connection;

import java.util.Objects;
import java.util.Optional;

/**
 * Where analytics read now.
 *
 * @param onReplica true on the replica, false on the primary
 * @param reason why on the primary (empty on the replica)
 * @param lastLag the lag last measured, if the replica answered
 */
public record AnalyticsRoute(boolean onReplica, String reason, Optional<ReplicaLag> lastLag) {

    public AnalyticsRoute {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(lastLag, "lastLag");
    }

    static AnalyticsRoute replica(ReplicaLag lag) {
        return new AnalyticsRoute(true, "", Optional.of(lag));
    }

    static AnalyticsRoute primary(String reason, Optional<ReplicaLag> lag) {
        return new AnalyticsRoute(false, reason, lag);
    }

    /** For {@code status}: {@code replica (lag 0 B, 0.000 s)} or {@code primary: <reason>}. */
    public String describe() {
        return onReplica ? "replica (lag " + lastLag.map(ReplicaLag::describe).orElse("unknown") + ")"
                : "primary, because " + reason;
    }
}
