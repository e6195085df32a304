package dev.tradingcore.application.health;

import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.DatabaseActivity;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The design's "replication lag > 5 s" (warning) and "> 10 s" (critical), checked only when a replica is configured:
 * the largest {@code replay_lag} among the standbys streaming from the primary ({@code pg_stat_replication}). No
 * standby streaming at all, while one is configured, is a warning of its own: analytics reads then fall back to the
 * primary, and a failover would have nothing to fail over to. Once over the warning, the lag is marginal (its
 * incident stays open) until it is at or under the resolve level ({@link Hysteresis}: 4.5 s for 5 s).
 */
public final class ReplicationLagCheck implements HealthCheck {

    static final String LAG = "replication-lag";
    static final String NOT_STREAMING = "replication-not-streaming";

    /** The standbys now. */
    @FunctionalInterface
    public interface Replicas {
        List<DatabaseActivity.Replica> now() throws Exception;
    }

    private final Replicas replicas;
    private final Duration warning;
    private final Duration critical;
    private final Duration resolveLevel;

    /** With the design's resolve margin ({@link Hysteresis#DESIGN}). */
    public ReplicationLagCheck(Replicas replicas, Duration warning, Duration critical) {
        this(replicas, warning, critical, Hysteresis.DESIGN);
    }

    public ReplicationLagCheck(Replicas replicas, Duration warning, Duration critical, Hysteresis hysteresis) {
        this.replicas = Objects.requireNonNull(replicas, "replicas");
        this.warning = Objects.requireNonNull(warning, "warning");
        this.critical = Objects.requireNonNull(critical, "critical");
        this.resolveLevel = hysteresis.under(warning);
    }

    @Override
    public String name() {
        return "replication";
    }

    @Override
    public boolean needsDatabase() {
        return true;
    }

    @Override
    public List<Condition> check() throws Exception {
        List<DatabaseActivity.Replica> now = replicas.now();
        if (now.isEmpty()) {
            return List.of(Condition.of(NOT_STREAMING, AlertSeverity.WARNING, "No replica streaming",
                    "A replica is configured (DATABASE_REPLICA_URL) but no standby streams from the primary"
                            + " (pg_stat_replication is empty): analytics reads run on the primary."));
        }
        DatabaseActivity.Replica worst = now.stream()
                .max(Comparator.comparing(r -> r.replayLag().orElse(Duration.ZERO))).orElseThrow();
        Duration lag = worst.replayLag().orElse(Duration.ZERO);
        AlertSeverity severity;
        Duration threshold;
        boolean marginal = false;
        if (lag.compareTo(critical) > 0) {
            severity = AlertSeverity.CRITICAL;
            threshold = critical;
        } else if (lag.compareTo(warning) > 0) {
            severity = AlertSeverity.WARNING;
            threshold = warning;
        } else if (lag.compareTo(resolveLevel) > 0) {
            severity = AlertSeverity.WARNING;
            threshold = warning;
            marginal = true;
        } else {
            return List.of();
        }
        Condition condition = Condition.of(LAG, severity, "Replication lag above " + threshold.toSeconds() + " s",
                "Standby " + describe(worst) + " replays " + lag.toMillis() + " ms behind the primary; thresholds "
                        + warning.toSeconds() + " s (warning), " + critical.toSeconds() + " s (critical).",
                "replica", describe(worst), "lag_ms", Long.toString(lag.toMillis()));
        return List.of(marginal ? condition.asMarginal() : condition);
    }

    private static String describe(DatabaseActivity.Replica r) {
        return Optional.of(r.name()).filter(n -> !n.isEmpty()).orElse("(unnamed)") + "@" + r.clientAddress();
    }
}
