package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.postgres.connection.DatabasePools;
import dev.tradingcore.adapters.postgres.connection.PoolMetrics;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.adapters.postgres.replication.ReplicationStatus;
import dev.tradingcore.adapters.postgres.schema.DatabaseStatus;
import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import dev.tradingcore.bootstrap.cdi.CoreContainer;
import dev.tradingcore.bootstrap.config.Settings;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;

/** The text of {@code status}: what an operator checks before the market opens. */
final class StatusReport {

    private StatusReport() {}

    /**
     * Tables with fewer rows than this by the planner's estimate are counted exactly; bigger ones show the estimate,
     * labelled as one, unless {@code --exact} is given (a count of a large table reads all of it).
     */
    static final long EXACT_BELOW = 1_000_000;

    static void print(CoreContainer core, Settings settings, PrintWriter out) throws SQLException {
        print(core, settings, out, false);
    }

    static void print(CoreContainer core, Settings settings, PrintWriter out, boolean exact) throws SQLException {
        SchemaMigrator migrator = core.get(SchemaMigrator.class);
        DatabasePools pools = core.get(DatabasePools.class);
        // Table and partition figures are analytics: the replica's when it is healthy, sparing the primary.
        DatabaseStatus status = new DatabaseStatus(pools.analytics());
        List<String> pending = migrator.pendingScripts();
        out.printf("database        %s%n", settings.describeDatabase());
        out.printf("schema version  %s (%d pending%s)%n", migrator.currentVersion(), pending.size(),
                pending.isEmpty() ? "" : ": run 'migrate'");

        for (PoolMetrics pool : pools.metrics()) {
            out.printf("pool %-12s active %d, idle %d, total %d, waiting %d, max %d%n", pool.pool(), pool.active(),
                    pool.idle(), pool.total(), pool.waiting(), pool.maximum());
        }
        out.printf("database health %s%n", core.get(DatabaseGuard.class).status().describe());
        printReplication(pools, out);

        boolean estimated = false;
        out.println("partitions");
        for (DatabaseStatus.Partition p : status.partitions()) {
            String rows = rows(status, p.partition(), p.estimatedRows(), exact);
            estimated |= rows.startsWith("~");
            out.printf("  %-18s %-30s %-66s %10s %14s rows%n", p.table(), p.partition(), p.bounds(),
                    bytes(p.bytes()), rows);
        }
        out.println("tables");
        for (DatabaseStatus.TableSize t : status.tableSizes()) {
            String rows = rows(status, t.table(), t.estimatedRows(), exact);
            estimated |= rows.startsWith("~");
            out.printf("  %-30s %10s %14s rows%n", t.table(), bytes(t.bytes()), rows);
        }
        out.println(estimated
                ? "rows: counted exactly, except ~N: the planner's estimate for a table of " + EXACT_BELOW
                        + " rows or more (status --exact counts them too)"
                : "rows: counted exactly");
        out.flush();
    }

    /**
     * The server the core writes to, what a commit waits for, each standby streaming from it with its sync state and
     * lag, and where analytics read now (when a replica is configured).
     */
    private static void printReplication(DatabasePools pools, PrintWriter out) throws SQLException {
        ReplicationStatus replication = new ReplicationStatus(pools.execution());
        ReplicationStatus.Server server = replication.server();
        out.printf("primary         %s%s; synchronous_standby_names '%s', synchronous_commit %s%n", server.address(),
                server.standby() ? " (a STANDBY: it takes no writes)" : " (read-write)",
                server.synchronousStandbyNames(), server.synchronousCommit());
        List<ReplicationStatus.Standby> standbys = replication.standbys();
        if (standbys.isEmpty()) {
            out.println("replica         none streaming from the primary");
        }
        for (ReplicationStatus.Standby standby : standbys) {
            out.printf("replica         %s at %s: %s, sync state %s, lag %s, %s%n", standby.name(), standby.address(),
                    standby.state(), standby.syncState(),
                    standby.lagBytes().map(b -> b + " B").orElse("? B"),
                    standby.replayLag().map(l -> String.format(java.util.Locale.ROOT, "%.3f s", l.toNanos() / 1e9))
                            .orElse("0.000 s (idle, caught up)"));
        }
        if (pools.analyticsRouting().isPresent()) {
            pools.analyticsRouting().get().sample();
            out.printf("analytics       on the %s (bound %d ms)%n", pools.analyticsRoute().orElseThrow().describe(),
                    pools.analyticsRouting().get().maxLag().toMillis());
        }
    }

    /** The exact count, or the planner's estimate marked with a {@code ~} for a big table. */
    private static String rows(DatabaseStatus status, String table, long estimate, boolean exact)
            throws SQLException {
        if (exact || estimate < EXACT_BELOW) {
            return Long.toString(status.exactRows(table));
        }
        return "~" + estimate;
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
