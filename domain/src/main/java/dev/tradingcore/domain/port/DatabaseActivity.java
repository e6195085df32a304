package dev.tradingcore.domain.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the database says about itself, for the health checks and the metrics: its standbys, its long-running
 * statements, its partitions and tables, its backups. Read through a connection of its own, so that it still answers
 * while the trading pools are exhausted. Each read throws when the database cannot tell now.
 */
public interface DatabaseActivity {

    /** One standby streaming from the primary; {@code replayLag} empty when it has replayed everything. */
    record Replica(String name, String clientAddress, String state, Optional<Duration> replayLag) {}

    /** A statement of the core that has been running for {@code runningFor}. */
    record RunningQuery(int pid, String applicationName, Duration runningFor, String query) {}

    /** The standbys streaming from this server and how late each replays. */
    List<Replica> replicas() throws Exception;

    /** The core's statements running longer than {@code threshold} now, longest first. */
    List<RunningQuery> runningLongerThan(Duration threshold) throws Exception;

    /** Per partitioned table, how many of its partitions start after {@code now} (created ahead of time). */
    Map<String, Integer> partitionsAhead(Instant now) throws Exception;

    /** Per table, its size on disk with indexes and TOAST (partitions counted in their parent). */
    Map<String, Long> tableBytes() throws Exception;

    /** When the newest backup that succeeded ({@code succeeded}) or failed finished, if any did. */
    Optional<Instant> lastBackup(boolean succeeded) throws Exception;
}
