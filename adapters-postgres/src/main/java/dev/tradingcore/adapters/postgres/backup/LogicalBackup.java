package dev.tradingcore.adapters.postgres.backup;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * A logical backup of one trading database: {@code pg_dump} in custom format from a {@code SERIALIZABLE READ ONLY
 * DEFERRABLE} snapshot, with a manifest whose row counts come from that very snapshot.
 *
 * <p>How the snapshot is shared: this class opens the transaction, waits for a safe snapshot (DEFERRABLE: no
 * serializable writer can make it an anomaly), exports it, counts the rows in it, and hands it to pg_dump with
 * {@code --snapshot}; pg_dump then reads exactly the same data (it imports the snapshot at REPEATABLE READ, which is
 * how pg_dump itself shares a deferrable snapshot with its parallel workers). pg_dump's own
 * {@code --serializable-deferrable} cannot be combined with {@code --snapshot} (PostgreSQL: "a snapshot-importing
 * transaction must not be READ ONLY DEFERRABLE"): the deferrable wait is done here, by the exporting transaction. Every fill is one transaction
 * (trade, position, order, audit), so a dump taken during trading holds each fill wholly or not at all.
 *
 * <p>The dump is written under a {@code .partial} name and renamed when complete, then verified (checksum,
 * {@code pg_restore --list}); a failed backup leaves no file that looks like a backup.
 */
public final class LogicalBackup {

    /** How the manifest describes the snapshot. */
    static final String SNAPSHOT = "serializable read only deferrable, exported to pg_dump --snapshot";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern STAMP_PATTERN = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z");

    private final DatabaseUrl database;
    private final Optional<Path> pgBinDir;
    private final Duration connectTimeout;
    private final Duration toolTimeout;

    /**
     * @param database the database to back up, with credentials
     * @param pgBinDir the configured client programs' directory, if any (see {@link PgTools#locate})
     * @param connectTimeout the bound of connecting and of lock waits
     * @param toolTimeout the bound of the whole dump (pg_dump is killed after it)
     */
    public LogicalBackup(DatabaseUrl database, Optional<Path> pgBinDir, Duration connectTimeout,
            Duration toolTimeout) {
        this.database = Objects.requireNonNull(database, "database");
        this.pgBinDir = Objects.requireNonNull(pgBinDir, "pgBinDir");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.toolTimeout = Objects.requireNonNull(toolTimeout, "toolTimeout");
    }

    /**
     * A backup just taken and verified.
     *
     * @param dump the dump file
     * @param manifest what it holds
     * @param tocEntries the number of entries pg_restore lists in it
     */
    public record Result(Path dump, BackupManifest manifest, int tocEntries) {}

    /**
     * Dumps the database into {@code directory} (created if missing) as
     * {@code trading-core-<database>-<snapshot time>.dump} with its manifest, and verifies it.
     *
     * @throws BackupException TOOL_MISSING / VERSION_MISMATCH when no pg_dump of the server's major version is found,
     *     FAILED when the dump fails (no file is left)
     */
    public Result backup(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new BackupException(BackupException.Reason.FAILED,
                    "cannot create the backup directory " + directory + ": " + e.getMessage(), e);
        }
        Path partial = null;
        try (Connection c = Libpq.connect(database, connectTimeout)) {
            PgTools tools = PgTools.locate(pgBinDir, Libpq.serverMajor(c));
            String serverVersion = Libpq.serverVersion(c);
            try (Statement st = c.createStatement()) {
                // The safe-snapshot wait and the counts are bounded by the dump's bound; the exporting transaction
                // must stay open (idle) while pg_dump runs, whatever the server's idle timeout.
                st.execute("SET statement_timeout = " + toolTimeout.toMillis());
                st.execute("SET idle_in_transaction_session_timeout = 0");
            }
            c.setAutoCommit(false);
            String snapshotId;
            Instant createdAt;
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY, DEFERRABLE");
                try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot(), clock_timestamp()")) {
                    rs.next();
                    snapshotId = rs.getString(1);
                    createdAt = rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
                }
            }
            String schemaVersion = DatabaseContents.schemaVersion(c, database.database());
            SortedMap<String, Long> rows = DatabaseContents.tableRows(c);

            String name = "trading-core-" + safeName(database.database()) + "-" + STAMP.format(createdAt) + ".dump";
            Path dump = directory.resolve(name);
            partial = directory.resolve(name + ".partial");
            List<String> command = List.of(tools.pgDump().toString(), "--format=custom", "--snapshot=" + snapshotId, "--lock-wait-timeout=" + connectTimeout.toMillis(), "--no-password",
                    "--file=" + partial);
            PgProcess.Result result = PgProcess.run(command, Libpq.environment(database, connectTimeout),
                    toolTimeout);
            if (!result.succeeded()) {
                throw new BackupException(BackupException.Reason.FAILED, "pg_dump " + tools.version() + " of "
                        + database.redacted() + " failed (exit " + result.exitCode() + "): " + result.stderr());
            }
            c.commit();
            fsync(partial);
            long bytes = Files.size(partial);
            String sha256 = sha256(partial);
            move(partial, dump);
            partial = null;
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, database.database(), createdAt,
                    serverVersion, tools.version(), schemaVersion, name, bytes, sha256, rows, SNAPSHOT);
            manifest.write(BackupManifest.pathFor(dump));
            fsyncDirectory(directory);
            try {
                Verification verification = verify(dump, Optional.of(tools.binDir()), toolTimeout);
                return new Result(dump, manifest, verification.tocEntries());
            } catch (BackupException e) {
                deleteQuietly(dump);
                deleteQuietly(BackupManifest.pathFor(dump));
                throw new BackupException(BackupException.Reason.FAILED,
                        "the dump just written does not verify, and was deleted: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new BackupException(BackupException.Reason.FAILED, "backup of " + database.redacted() + " failed: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new BackupException(BackupException.Reason.FAILED, "backup into " + directory + " failed: "
                    + e.getMessage(), e);
        } finally {
            if (partial != null) {
                deleteQuietly(partial);
            }
        }
    }

    /**
     * A dump that passed verification.
     *
     * @param manifest its manifest
     * @param tocEntries how many entries its table of contents has
     */
    public record Verification(BackupManifest manifest, int tocEntries) {}

    /**
     * Checks a dump without restoring it: its manifest exists, its size and SHA-256 are the manifest's, and
     * {@code pg_restore --list} reads its table of contents.
     *
     * @throws BackupException DAMAGED_DUMP when any check fails
     */
    public static Verification verify(Path dump, Optional<Path> pgBinDir, Duration timeout) {
        BackupManifest manifest = verifyChecksum(dump);
        PgTools tools = PgTools.locate(pgBinDir, manifest.serverMajor());
        PgProcess.Result list = PgProcess.run(List.of(tools.pgRestore().toString(), "--list", dump.toString()),
                java.util.Map.of(), timeout);
        if (!list.succeeded()) {
            throw new BackupException(BackupException.Reason.DAMAGED_DUMP, "pg_restore cannot read the dump " + dump
                    + " (exit " + list.exitCode() + "): " + list.stderr());
        }
        int entries = (int) list.stdout().lines().filter(l -> !l.startsWith(";") && !l.isBlank()).count();
        if (entries == 0 || list.stdout().lines().noneMatch(l -> l.contains(" TABLE DATA "))) {
            throw new BackupException(BackupException.Reason.DAMAGED_DUMP,
                    "the dump " + dump + " holds no table data (" + entries + " entries)");
        }
        return new Verification(manifest, entries);
    }

    /**
     * Reads the manifest of {@code dump} and checks the dump's size and SHA-256 against it.
     *
     * @throws BackupException DAMAGED_DUMP when they differ or the manifest is missing
     */
    public static BackupManifest verifyChecksum(Path dump) {
        if (!Files.isRegularFile(dump)) {
            throw new BackupException(BackupException.Reason.DAMAGED_DUMP, "there is no dump file " + dump);
        }
        BackupManifest manifest = BackupManifest.readFor(dump);
        try {
            long size = Files.size(dump);
            if (size != manifest.dumpBytes()) {
                throw new BackupException(BackupException.Reason.DAMAGED_DUMP, "the dump " + dump + " has " + size
                        + " bytes, its manifest says " + manifest.dumpBytes() + ": it is damaged or incomplete");
            }
            String actual = sha256(dump);
            if (!actual.equalsIgnoreCase(manifest.sha256())) {
                throw new BackupException(BackupException.Reason.DAMAGED_DUMP, "the dump " + dump
                        + " does not match its manifest's SHA-256 (" + manifest.sha256() + ", the file's is "
                        + actual + "): it is damaged and is not used");
            }
        } catch (IOException e) {
            throw new BackupException(BackupException.Reason.DAMAGED_DUMP,
                    "the dump " + dump + " cannot be read: " + e.getMessage(), e);
        }
        return manifest;
    }

    /**
     * Retention: keeps the newest {@code keep} dumps of {@code database} in {@code directory} and deletes the older
     * ones with their manifests. Only files named like this class names them are considered.
     *
     * @return the files deleted
     */
    public static List<Path> keepNewest(Path directory, String database, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        String prefix = "trading-core-" + safeName(database) + "-";
        List<Path> dumps = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*.dump")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String stamp = name.substring(prefix.length(), name.length() - ".dump".length());
                if (STAMP_PATTERN.matcher(stamp).matches()) {
                    dumps.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the backups in " + directory, e);
        }
        dumps.sort(java.util.Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        List<Path> deleted = new ArrayList<>();
        for (Path old : dumps.subList(Math.min(keep, dumps.size()), dumps.size())) {
            try {
                Files.deleteIfExists(BackupManifest.pathFor(old));
                Files.delete(old);
                deleted.add(old);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the old backup " + old, e);
            }
        }
        return deleted;
    }

    /** A database name as it appears in a file name. */
    static String safeName(String database) {
        return database.replaceAll("[^A-Za-z0-9_]", "_");
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes the rename durable (POSIX); not every platform can open a directory, which is then left to the OS. */
    private static void fsyncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory; the OS flushes it in time.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Best effort: the error being reported matters more.
        }
    }
}
