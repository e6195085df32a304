package dev.tradingcore.application.health;

import dev.tradingcore.domain.port.DatabaseActivity;
import dev.tradingcore.domain.port.DiskSpace;
import dev.tradingcore.domain.port.PoolUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The core's health checks, every one of the design's list:
 * <ul>
 *   <li>write latency of the fill transactions over the last interval;</li>
 *   <li>pool utilization of every pool of the core;</li>
 *   <li>disk space where the database keeps its data, when that is on this machine;</li>
 *   <li>replication lag, only when a replica is configured;</li>
 *   <li>slow queries of the core's sessions.</li>
 * </ul>
 * Database availability is the database guard's own alert, not a check.
 */
public final class CoreHealthChecks {

    /** The design's thresholds and when their alerts resolve, as configured ({@code MONITORING_*}). */
    public record Thresholds(Duration writeLatencyP99, int poolUtilizationPercent, int diskFreeWarningPercent,
            int diskFreeCriticalPercent, Duration replicationLagWarning, Duration replicationLagCritical,
            Duration slowQuery, Hysteresis hysteresis) {}

    private CoreHealthChecks() {}

    /**
     * @param writeLatencies the fill transactions since the previous call (one reader: the monitor)
     * @param replicaConfigured whether replication is to be watched
     */
    public static List<HealthCheck> all(Thresholds thresholds, Supplier<LatencyWindow> writeLatencies,
            PoolUsage pools, DiskSpace disk, DatabaseActivity database, boolean replicaConfigured) {
        Hysteresis h = thresholds.hysteresis();
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(new WriteLatencyCheck(writeLatencies, thresholds.writeLatencyP99(), h));
        checks.add(new PoolUtilizationCheck(pools::now, thresholds.poolUtilizationPercent(), h));
        checks.add(new DiskSpaceCheck(disk, thresholds.diskFreeWarningPercent(), thresholds.diskFreeCriticalPercent(),
                h));
        if (replicaConfigured) {
            checks.add(new ReplicationLagCheck(database::replicas, thresholds.replicationLagWarning(),
                    thresholds.replicationLagCritical(), h));
        }
        checks.add(new SlowQueryCheck(database::runningLongerThan, thresholds.slowQuery(), h));
        return List.copyOf(checks);
    }
}
