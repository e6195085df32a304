package dev.tradingcore.adapters.postgres.backup;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Restores a dump made by {@link LogicalBackup} into a database of its own, and only then gives it the name asked
 * for:
 * <ol>
 *   <li>the dump's size and SHA-256 are checked against its manifest, and pg_restore must read its table of
 *       contents, before any database is touched;</li>
 *   <li>an existing database of the target name is refused unless replacing was asked for explicitly;</li>
 *   <li>the dump is restored into {@code <target>_restoring} (new, from {@code template0}) by {@code pg_restore
 *       --exit-on-error --single-transaction}: all of it or nothing;</li>
 *   <li>the restored row count of every table must equal the manifest's, and Flyway must validate the schema
 *       against this build's scripts (a version this build does not know is refused; older is fine, migrate then);
 *       </li>
 *   <li>only then is the restored database renamed to the target, in one transaction with renaming a replaced
 *       database to {@code <target>_pre_<time>}: nothing is ever dropped that held data, and the rename fails
 *       while anybody is connected to either.</li>
 * </ol>
 * Any failure drops the {@code _restoring} database and leaves every other database as it was.
 */
public final class LogicalRestore {

    /** Target names: lower-case identifiers short enough for the suffixes this class adds. */
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,39}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final DatabaseUrl server;
    private final Optional<Path> pgBinDir;
    private final Duration connectTimeout;
    private final Duration toolTimeout;
    private final Clock clock;

    /**
     * @param server any database of the server to restore on, reached as a user who may create databases (and
     *     who is, or is a member of, the roles that own the dumped objects: {@code trading_owner})
     * @param pgBinDir the configured client programs' directory, if any
     * @param connectTimeout the bound of connecting
     * @param toolTimeout the bound of pg_restore
     * @param clock names the replaced database
     */
    public LogicalRestore(DatabaseUrl server, Optional<Path> pgBinDir, Duration connectTimeout, Duration toolTimeout,
            Clock clock) {
        this.server = Objects.requireNonNull(server, "server");
        this.pgBinDir = Objects.requireNonNull(pgBinDir, "pgBinDir");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.toolTimeout = Objects.requireNonNull(toolTimeout, "toolTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A restore that was done and checked.
     *
     * @param database the database now holding the dump
     * @param replacedKeptAs the name the replaced database was renamed to, when one was replaced
     * @param manifest the dump's manifest
     * @param rows the restored row counts (equal to the manifest's)
     * @param schemaVersion the restored schema version
     * @param pendingMigrations scripts of this build the restored database has not run (run migrate before use)
     */
    public record Result(String database, Optional<String> replacedKeptAs, BackupManifest manifest,
            SortedMap<String, Long> rows, String schemaVersion, List<String> pendingMigrations) {}

    /** The target name a restore uses when none is given: the dumped database's name and the dump's time. */
    public static String defaultTarget(BackupManifest manifest) {
        String base = manifest.database().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (base.isEmpty() || Character.isDigit(base.charAt(0))) {
            base = "db_" + base;
        }
        base = base.substring(0, Math.min(base.length(), 23));
        return base + "_" + STAMP.format(manifest.createdAt());
    }

    /** Whether {@code name} may be a restore's target. */
    public static boolean isValidTarget(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * @param dump the dump, with its manifest beside it
     * @param into the target database, or empty for {@link #defaultTarget}
     * @param replace whether an existing target may be replaced (it is kept under another name)
     * @throws BackupException DAMAGED_DUMP (nothing touched), REFUSED (nothing changed), TOOL_MISSING,
     *     VERSION_MISMATCH, FAILED (the partial restore was dropped)
     */
    public Result restore(Path dump, Optional<String> into, boolean replace) {
        BackupManifest manifest = LogicalBackup.verifyChecksum(dump);
        String target = into.orElseGet(() -> defaultTarget(manifest));
        if (!isValidTarget(target)) {
            throw new BackupException(BackupException.Reason.REFUSED, "'" + target + "' cannot be a restore target:"
                    + " use a lower-case name of letters, digits and _ (at most 40 characters)");
        }
        String staging = target + "_restoring";
        try (Connection admin = Libpq.connect(maintenanceUrl(target, staging), connectTimeout)) {
            PgTools tools = PgTools.locate(pgBinDir, Libpq.serverMajor(admin));
            LogicalBackup.verify(dump, Optional.of(tools.binDir()), toolTimeout);
            boolean targetExists = exists(admin, target);
            if (targetExists && !replace) {
                throw new BackupException(BackupException.Reason.REFUSED, "the database " + target
                        + " exists and a restore never overwrites one: restore --into another name, or add --replace"
                        + " to swap it (the current one is then kept, renamed, not dropped)");
            }
            if (targetExists) {
                refuseIfInUse(admin, target);
            }
            if (exists(admin, staging)) {
                // Left by an interrupted restore of this target: never a name anything else uses.
                execute(admin, "DROP DATABASE " + Libpq.quote(staging));
            }
            execute(admin, "CREATE DATABASE " + Libpq.quote(staging) + " TEMPLATE template0");
            boolean keep = false;
            try {
                runPgRestore(tools, dump, staging);
                DatabaseUrl stagingUrl = server.withDatabase(staging);
                SortedMap<String, Long> rows;
                try (Connection c = Libpq.connect(stagingUrl, connectTimeout)) {
                    rows = DatabaseContents.tableRows(c);
                }
                compareRows(manifest, rows);
                SchemaCheck schema = checkSchema(stagingUrl);
                Optional<String> keptAs = swap(admin, staging, target, targetExists);
                keep = true;
                return new Result(target, keptAs, manifest, rows, schema.version(), schema.pending());
            } finally {
                if (!keep) {
                    dropQuietly(admin, staging);
                }
            }
        } catch (SQLException e) {
            throw new BackupException(BackupException.Reason.FAILED,
                    "restore into " + target + " on " + server.redacted() + " failed: " + e.getMessage(), e);
        }
    }

    /** A connection for CREATE/RENAME/DROP DATABASE: never to a database this restore renames or drops. */
    private DatabaseUrl maintenanceUrl(String target, String staging) {
        String configured = server.database();
        return configured.equals(target) || configured.equals(staging) ? server.withDatabase("postgres") : server;
    }

    private void runPgRestore(PgTools tools, Path dump, String staging) {
        List<String> command = List.of(tools.pgRestore().toString(), "--exit-on-error", "--single-transaction",
                "--no-password", "--dbname=" + staging, dump.toString());
        PgProcess.Result result = PgProcess.run(command, Libpq.environment(server.withDatabase(staging),
                connectTimeout), toolTimeout);
        if (!result.succeeded()) {
            String hint = result.stderr().matches("(?s).*role \".*\" does not exist.*")
                    ? " (the dump's objects belong to trading-core's roles, which are per server: create them first,"
                            + " e.g. by running migrate against an empty database on this server, see"
                            + " docs/operations.md)"
                    : "";
            throw new BackupException(BackupException.Reason.FAILED, "pg_restore " + tools.version() + " failed"
                    + " (exit " + result.exitCode() + "), nothing was restored: " + result.stderr() + hint);
        }
    }

    private static void compareRows(BackupManifest manifest, SortedMap<String, Long> restored) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> tables = new TreeSet<>(manifest.tableRows().keySet());
        tables.addAll(restored.keySet());
        for (String table : tables) {
            Long expected = manifest.tableRows().get(table);
            Long actual = restored.get(table);
            if (!Objects.equals(expected, actual)) {
                differences.add(table + ": manifest " + (expected == null ? "no table" : expected) + ", restored "
                        + (actual == null ? "no table" : actual));
            }
        }
        if (!differences.isEmpty()) {
            throw new BackupException(BackupException.Reason.FAILED, "the restored rows differ from the manifest ("
                    + String.join("; ", differences) + "): the restore was dropped");
        }
    }

    private record SchemaCheck(String version, List<String> pending) {}

    /**
     * Flyway validate with this build's scripts: applied scripts must be this build's, unchanged; a version newer than
     * this build knows fails; scripts not applied yet are allowed (the operator runs migrate).
     */
    private SchemaCheck checkSchema(DatabaseUrl url) {
        Flyway flyway = Flyway.configure()
                .dataSource(url.jdbcUrl(), url.user().orElse(null), url.password().orElse(null))
                .locations(SchemaMigrator.LOCATION)
                .failOnMissingLocations(true)
                .ignoreMigrationPatterns("*:pending")
                .cleanDisabled(true)
                .load();
        ValidateResult result = flyway.validateWithResult();
        if (!result.validationSuccessful) {
            StringBuilder why = new StringBuilder();
            result.invalidMigrations.forEach(m -> why.append(why.isEmpty() ? "" : "; ")
                    .append(m.version == null ? m.filepath : "version " + m.version).append(": ")
                    .append(m.errorDetails == null ? "invalid" : m.errorDetails.errorMessage));
            if (why.isEmpty() && result.errorDetails != null) {
                why.append(result.errorDetails.errorMessage);
            }
            throw new BackupException(BackupException.Reason.FAILED, "the restored schema is not one this build"
                    + " knows (" + why + "): the restore was dropped; restore it with the trading-core version"
                    + " that wrote it");
        }
        MigrationInfo current = flyway.info().current();
        List<String> pending = java.util.Arrays.stream(flyway.info().pending()).map(MigrationInfo::getScript).toList();
        return new SchemaCheck(current == null ? "none" : current.getVersion().getVersion(), pending);
    }

    /** Renames in one transaction: the target either stays as it was or is the restored database. */
    private Optional<String> swap(Connection admin, String staging, String target, boolean targetExists)
            throws SQLException {
        Optional<String> keptAs = targetExists
                ? Optional.of(target + "_pre_" + STAMP.format(clock.instant()))
                : Optional.empty();
        boolean autoCommit = admin.getAutoCommit();
        admin.setAutoCommit(false);
        try (Statement st = admin.createStatement()) {
            if (keptAs.isPresent()) {
                st.execute("ALTER DATABASE " + Libpq.quote(target) + " RENAME TO " + Libpq.quote(keptAs.get()));
            }
            st.execute("ALTER DATABASE " + Libpq.quote(staging) + " RENAME TO " + Libpq.quote(target));
            admin.commit();
        } catch (SQLException e) {
            admin.rollback();
            if ("55006".equals(e.getSQLState())) {
                throw new BackupException(BackupException.Reason.REFUSED, "the database " + target + " is in use"
                        + " (someone connected during the restore); it was left as it was: stop what uses it and"
                        + " run the restore again", e);
            }
            throw e;
        } finally {
            admin.setAutoCommit(autoCommit);
        }
        return keptAs;
    }

    private static void refuseIfInUse(Connection admin, String database) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long sessions = rs.getLong(1);
                if (sessions > 0) {
                    throw new BackupException(BackupException.Reason.REFUSED, "the database " + database + " has "
                            + sessions + " session(s) connected: stop the core and anything else using it before"
                            + " replacing it; nothing was changed");
                }
            }
        }
    }

    private static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void dropQuietly(Connection admin, String database) {
        try {
            execute(admin, "DROP DATABASE IF EXISTS " + Libpq.quote(database) + " WITH (FORCE)");
        } catch (SQLException e) {
            // Reported by the failure in progress; an operator drops a left-over _restoring database by hand.
        }
    }
}
