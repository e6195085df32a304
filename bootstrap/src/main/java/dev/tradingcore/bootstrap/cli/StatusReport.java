package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.postgres.connection.DatabasePools;
import dev.tradingcore.adapters.postgres.connection.PoolMetrics;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
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

    static void print(CoreContainer core, Settings settings, PrintWriter out) throws SQLException {
        SchemaMigrator migrator = core.get(SchemaMigrator.class);
        DatabaseStatus status = core.get(DatabaseStatus.class);
        List<String> pending = migrator.pendingScripts();
        out.printf("database        %s%n", settings.describeDatabase());
        out.printf("schema version  %s (%d pending%s)%n", migrator.currentVersion(), pending.size(),
                pending.isEmpty() ? "" : ": run 'migrate'");

        for (PoolMetrics pool : core.get(DatabasePools.class).metrics()) {
            out.printf("pool %-12s active %d, idle %d, total %d, waiting %d, max %d%n", pool.pool(), pool.active(),
                    pool.idle(), pool.total(), pool.waiting(), pool.maximum());
        }
        out.printf("database guard  %s%n", core.get(DatabaseGuard.class).describe());

        out.println("partitions");
        for (DatabaseStatus.Partition p : status.partitions()) {
            out.printf("  %-18s %-30s %-66s %10s %10d rows%n", p.table(), p.partition(), p.bounds(),
                    bytes(p.bytes()), p.estimatedRows());
        }
        out.println("tables");
        for (DatabaseStatus.TableSize t : status.tableSizes()) {
            out.printf("  %-30s %10s %12d rows%n", t.table(), bytes(t.bytes()), t.estimatedRows());
        }
        out.flush();
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
