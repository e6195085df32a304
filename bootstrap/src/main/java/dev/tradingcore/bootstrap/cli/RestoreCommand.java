package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.postgres.backup.BackupException;
import dev.tradingcore.adapters.postgres.backup.LogicalRestore;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.database.DatabaseServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Restores a dump into a new database on the configured server, checked before it takes its name. The broker, not
 * the restored database, is the truth afterwards: the command ends by saying how to reconcile before trading.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a dump made by backup into a NEW database on the configured server (default name:"
                + " <database>_<dump time>). The dump's checksum is checked against its manifest before anything is"
                + " touched; pg_restore runs in one transaction into a scratch database; the row counts must equal"
                + " the manifest's and Flyway must know the schema version; only then does the database get its"
                + " name. An existing database is never overwritten unless --replace is given, and even then it is"
                + " kept under another name.",
            "Exit status: 0 restored and checked, 2 bad usage or configuration, 3 failed (nothing changed),"
                + " 4 the dump is damaged or has no manifest (nothing touched), 5 refused: the target exists without"
                + " --replace, or is in use (nothing changed)."})
final class RestoreCommand implements Callable<Integer> {

    /** Exit status: the target exists (without --replace) or is in use. */
    static final int REFUSED = 5;

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE", required = true, description = "The dump (its manifest beside it)")
    Path from;

    @Option(names = "--into", paramLabel = "DATABASE",
            description = "Database to restore into (default: the dumped database's name and the dump's time)")
    String into;

    @Option(names = "--replace",
            description = "Allow --into to name an existing database: it is renamed to <name>_pre_<time>, not dropped,"
                    + " and nobody may be connected to it")
    boolean replace;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "2h",
            description = "Longest pg_restore may run, e.g. 30m, 2h (default 2h)")
    String timeout;

    /** The URL an operator puts in DATABASE_URL: with the user, never the password (DATABASE_PASSWORD). */
    private static String withUser(dev.tradingcore.adapters.postgres.connection.DatabaseUrl url) {
        String jdbc = url.jdbcUrl();
        return url.user().map(u -> jdbc + (jdbc.contains("?") ? "&" : "?") + "user=" + u).orElse(jdbc);
    }

    /**
     * What the next command needs to reach the restored database. On the embedded server, which stops when this
     * command ends, a URL would point at nothing: the next command starts the server again and takes the database
     * from {@code EMBEDDED_DATABASE}.
     */
    private static String nextStepSetting(DatabaseServer server, String restored, boolean isConfigured) {
        if (isConfigured) {
            return "";
        }
        if (server.isEmbedded()) {
            return "EMBEDDED_DATABASE=" + restored + " ";
        }
        return "DATABASE_URL='" + withUser(server.url().withDatabase(restored)) + "' ";
    }

    @Override
    public Integer call() {
        Duration bound = RunDurations.parse(timeout, spec);
        if (into != null && !LogicalRestore.isValidTarget(into)) {
            throw new ParameterException(spec.commandLine(), "--into '" + into + "' is not a database name this"
                    + " command creates: use lower-case letters, digits and _ (at most 40 characters)");
        }
        if (!java.nio.file.Files.isRegularFile(from)) {
            throw new ParameterException(spec.commandLine(), "--from " + from + ": no such file");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = parent.config.load();
        try (DatabaseServer server = DatabaseServer.start(settings)) {
            LogicalRestore.Result result = new LogicalRestore(server.url(), parent.config.backupPgBinDir(),
                    settings.timeout(), bound, Clock.systemUTC()).restore(from, Optional.ofNullable(into), replace);
            out.printf("restored %s into database %s%n", from, result.database());
            out.printf("  schema version %s; the row counts of all %d tables match the manifest (dump of %s taken"
                    + " %s)%n", result.schemaVersion(), result.rows().size(), result.manifest().database(),
                    result.manifest().createdAt());
            result.replacedKeptAs().ifPresent(kept -> out.printf(
                    "  the database it replaced is kept as %s: drop it when you are satisfied%n", kept));
            if (!result.pendingMigrations().isEmpty()) {
                out.printf("  %d migration(s) of this build are not applied yet (%s): run migrate on it first%n",
                        result.pendingMigrations().size(), String.join(", ", result.pendingMigrations()));
            }
            boolean isConfigured = server.url().database().equals(result.database());
            out.println();
            out.println("Next, before any trading on it: reconcile with the broker. The broker is the truth; orders"
                    + " are not replayed from the audit log (it is evidence, not a source to replay).");
            out.printf("  %strading-core reconcile-only --broker paper --broker-url URL%n",
                    nextStepSetting(server, result.database(), isConfigured));
            out.println("  (use the broker you trade with; exit 0: nothing differed, 1: corrected and audited, read"
                    + " the corrections; 4: could not reconcile, do not trade)");
            if (server.isEmbedded() && !isConfigured) {
                out.printf("  To trade on it, give every command EMBEDDED_DATABASE=%s (or --set embedded.database=%s),"
                        + " or restore it again with --into %s --replace.%n", result.database(), result.database(),
                        server.url().database());
            }
            return 0;
        } catch (BackupException e) {
            err.println("trading-core restore failed: " + e.getMessage());
            err.flush();
            return switch (e.reason()) {
                case DAMAGED_DUMP -> BackupCommand.DAMAGED;
                case REFUSED -> REFUSED;
                case TOOL_MISSING, VERSION_MISMATCH, FAILED -> TradingCoreCommand.FAILED;
            };
        }
    }
}
