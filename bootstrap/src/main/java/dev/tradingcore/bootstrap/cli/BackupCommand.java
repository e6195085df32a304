package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.postgres.backup.BackupException;
import dev.tradingcore.adapters.postgres.backup.BackupManifest;
import dev.tradingcore.adapters.postgres.backup.LogicalBackup;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.database.DatabaseServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A consistent logical backup of the configured database, verified, with retention; or the check of a dump. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Dump the configured database (pg_dump custom format, from a serializable read-only deferrable"
                + " snapshot, consistent with concurrent trading) into DIR with a manifest (schema version, row"
                + " counts, SHA-256, time), then verify it; or, with --verify, check a dump without restoring it.",
            "Exit status: 0 done and verified, 2 bad usage or configuration, 3 failed (pg_dump missing or of"
                + " another version than the server, database unreachable, dump failed: no backup file is left),"
                + " 4 (--verify) the dump is damaged."},
        footer = {"", "pg_dump is looked for in BACKUP_PG_BIN_DIR (backup.pg-bin-dir), then"
                + " /usr/lib/postgresql/<server major>/bin and the like, then PATH; its major version must be the"
                + " server's."})
final class BackupCommand implements Callable<Integer> {

    /** Exit status: the dump does not match its manifest or cannot be read. */
    static final int DAMAGED = 4;

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--to", paramLabel = "DIR", description = "Directory to write the dump and its manifest to")
        Path to;

        @Option(names = "--verify", paramLabel = "FILE",
                description = "Check a dump against its manifest (size, SHA-256) and read its table of contents"
                        + " with pg_restore --list; restores nothing")
        Path verify;
    }

    @Option(names = "--keep", paramLabel = "N",
            description = "After the new dump is verified, delete this database's dumps beyond the newest N (with"
                    + " their manifests)")
    Integer keep;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "2h",
            description = "Longest pg_dump may run, e.g. 30m, 2h (default 2h)")
    String timeout;

    @Override
    public Integer call() {
        Duration bound = RunDurations.parse(timeout, spec);
        if (keep != null && keep < 1) {
            throw new ParameterException(spec.commandLine(), "--keep must be at least 1, got " + keep);
        }
        if (keep != null && what.verify != null) {
            throw new ParameterException(spec.commandLine(), "--keep goes with --to, not with --verify");
        }
        if (what.verify != null && !java.nio.file.Files.isRegularFile(what.verify)) {
            throw new ParameterException(spec.commandLine(), "--verify " + what.verify + ": no such file");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> binDir = parent.config.backupPgBinDir();
        try {
            if (what.verify != null) {
                LogicalBackup.Verification v = LogicalBackup.verify(what.verify, binDir, bound);
                BackupManifest m = v.manifest();
                out.printf("%s: verified (size and SHA-256 match the manifest, pg_restore reads its %d entries)%n",
                        what.verify, v.tocEntries());
                out.printf("  database %s, schema version %s, taken %s from PostgreSQL %s%n", m.database(),
                        m.schemaVersion(), m.createdAt(), m.serverVersion());
                return 0;
            }
            Settings settings = parent.config.load();
            try (DatabaseServer server = DatabaseServer.start(settings)) {
                java.time.Instant started = java.time.Instant.now();
                LogicalBackup.Result result;
                try {
                    result = new LogicalBackup(server.url(), binDir, settings.timeout(), bound).backup(what.to);
                } catch (BackupException failed) {
                    recordRun(server, settings, started, Optional.empty(), Optional.of(failed.getMessage()), err);
                    throw failed;
                }
                recordRun(server, settings, started, Optional.of(result.dump().toString()), Optional.empty(), err);
                BackupManifest m = result.manifest();
                out.printf("backup of %s: %s%n", server.url().redacted(), result.dump());
                out.printf("  schema version %s, snapshot at %s, PostgreSQL %s, pg_dump %s%n", m.schemaVersion(),
                        m.createdAt(), m.serverVersion(), m.pgDumpVersion());
                out.printf("  %d bytes, sha256 %s%n", m.dumpBytes(), m.sha256());
                out.printf("  rows: %s%n", mainTables(m.tableRows()));
                out.printf("  verified: checksum and pg_restore --list (%d entries); manifest %s%n",
                        result.tocEntries(), BackupManifest.pathFor(result.dump()).getFileName());
                if (keep != null) {
                    List<Path> deleted = LogicalBackup.keepNewest(what.to, m.database(), keep);
                    out.printf("  retention: kept the newest %d, deleted %s%n", keep,
                            deleted.isEmpty() ? "nothing" : deleted.stream().map(p -> p.getFileName().toString())
                                    .toList());
                }
                return 0;
            }
        } catch (BackupException e) {
            err.println("trading-core backup failed: " + e.getMessage());
            err.flush();
            return e.reason() == BackupException.Reason.DAMAGED_DUMP ? DAMAGED : TradingCoreCommand.FAILED;
        }
    }

    /**
     * The run into {@code backup_runs}, for the core's backup-age metrics; a database that cannot take it is said
     * on stderr and changes nothing about the backup's result.
     */
    private static void recordRun(DatabaseServer server, Settings settings, java.time.Instant started,
            Optional<String> dump, Optional<String> failure, PrintWriter err) {
        try {
            dev.tradingcore.adapters.postgres.backup.BackupRuns.record(server.url(), settings.timeout(), started,
                    java.time.Instant.now(), dump, failure);
        } catch (java.sql.SQLException notRecorded) {
            err.println("trading-core backup: the run was not recorded in backup_runs (the backup-age metric does"
                    + " not see it): " + notRecorded.getMessage());
            err.flush();
        }
    }

    /** The tables an operator looks at first, then how many others. */
    static String mainTables(Map<String, Long> rows) {
        List<String> main = List.of("public.positions", "public.orders", "public.trades", "public.trade_ids",
                "public.audit_log", "public.risk_snapshots");
        StringBuilder text = new StringBuilder();
        for (String t : main) {
            if (rows.containsKey(t)) {
                text.append(text.isEmpty() ? "" : ", ").append(t.substring("public.".length())).append(' ')
                        .append(rows.get(t));
            }
        }
        long others = rows.keySet().stream().filter(t -> !main.contains(t)).count();
        return text + (others > 0 ? " (+ " + others + " other tables)" : "");
    }
}
