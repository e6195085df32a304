package dev.tradingcore.adapters.postgres.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL client programs of one major version, found in this order:
 * <ol>
 *   <li>the configured directory ({@code backup.pg-bin-dir}, environment {@code BACKUP_PG_BIN_DIR}): used or
 *       refused, never passed over, so that an operator who named a directory gets exactly it;</li>
 *   <li>the packaged locations of that major version: {@code /usr/lib/postgresql/<major>/bin} (Debian, Ubuntu),
 *       {@code /usr/pgsql-<major>/bin} (RHEL), {@code /opt/homebrew/opt/postgresql@<major>/bin} and
 *       {@code /usr/local/opt/postgresql@<major>/bin} (Homebrew);</li>
 *   <li>every directory of {@code PATH}, in order.</li>
 * </ol>
 * The embedded server's binaries (zonky) are not a candidate: they hold initdb, pg_ctl and postgres only, no pg_dump.
 *
 * <p>A candidate is taken only when {@code pg_dump --version} reports the wanted major version: pg_dump refuses a
 * newer server, and an older pg_restore cannot read a newer dump.
 *
 * @param binDir the directory holding the programs
 * @param version the full version pg_dump reports, e.g. {@code 15.20}
 * @param major its major version
 */
public record PgTools(Path binDir, String version, int major) {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(20);

    public PgTools {
        Objects.requireNonNull(binDir, "binDir");
        Objects.requireNonNull(version, "version");
    }

    public Path pgDump() {
        return binDir.resolve("pg_dump");
    }

    public Path pgRestore() {
        return binDir.resolve("pg_restore");
    }

    /** Another program of the same installation, e.g. {@code pg_basebackup}. */
    public Path program(String name) {
        return binDir.resolve(name);
    }

    /**
     * Finds pg_dump and pg_restore of {@code major}.
     *
     * @param configured the directory the operator configured, if any
     * @param major the server's major version
     * @throws BackupException TOOL_MISSING when no pg_dump was found at all, VERSION_MISMATCH when only other
     *     versions were (the message lists what was found where)
     */
    public static PgTools locate(Optional<Path> configured, int major) {
        return locate(configured, major, System.getenv("PATH"));
    }

    static PgTools locate(Optional<Path> configured, int major, String path) {
        if (configured.isPresent()) {
            Path dir = configured.get();
            if (!Files.isExecutable(dir.resolve("pg_dump")) || !Files.isExecutable(dir.resolve("pg_restore"))) {
                throw new BackupException(BackupException.Reason.TOOL_MISSING, "BACKUP_PG_BIN_DIR (backup.pg-bin-dir)"
                        + " is " + dir + " but it holds no executable pg_dump and pg_restore");
            }
            PgTools tools = probe(dir);
            if (tools.major() != major) {
                throw new BackupException(BackupException.Reason.VERSION_MISMATCH, "BACKUP_PG_BIN_DIR"
                        + " (backup.pg-bin-dir) is " + dir + ", whose pg_dump is version " + tools.version()
                        + ", but the server is PostgreSQL " + major + ": point it at the PostgreSQL " + major
                        + " client programs");
            }
            return tools;
        }
        Set<Path> candidates = new LinkedHashSet<>(List.of(
                Path.of("/usr/lib/postgresql", Integer.toString(major), "bin"),
                Path.of("/usr/pgsql-" + major, "bin"),
                Path.of("/opt/homebrew/opt/postgresql@" + major, "bin"),
                Path.of("/usr/local/opt/postgresql@" + major, "bin")));
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    candidates.add(Path.of(entry));
                }
            }
        }
        List<String> others = new ArrayList<>();
        for (Path dir : candidates) {
            if (!Files.isExecutable(dir.resolve("pg_dump")) || !Files.isExecutable(dir.resolve("pg_restore"))) {
                continue;
            }
            PgTools tools;
            try {
                tools = probe(dir);
            } catch (BackupException e) {
                others.add(dir + " (" + e.getMessage() + ")");
                continue;
            }
            if (tools.major() == major) {
                return tools;
            }
            others.add(dir + " (version " + tools.version() + ")");
        }
        String looked = "looked in /usr/lib/postgresql/" + major + "/bin, /usr/pgsql-" + major
                + "/bin, the Homebrew postgresql@" + major + " and PATH";
        String fix = "install the PostgreSQL " + major + " client programs (Debian/Ubuntu: apt-get install"
                + " postgresql-client-" + major + ") or set BACKUP_PG_BIN_DIR to their directory";
        if (others.isEmpty()) {
            throw new BackupException(BackupException.Reason.TOOL_MISSING,
                    "pg_dump and pg_restore were not found (" + looked + "): " + fix);
        }
        throw new BackupException(BackupException.Reason.VERSION_MISMATCH, "the server is PostgreSQL " + major
                + " but the only pg_dump found is another version: " + String.join(", ", others) + "; " + fix);
    }

    /** Asks {@code dir/pg_dump} for its version. */
    static PgTools probe(Path dir) {
        PgProcess.Result result = PgProcess.run(List.of(dir.resolve("pg_dump").toString(), "--version"), Map.of(),
                VERSION_TIMEOUT);
        Matcher m = VERSION.matcher(result.stdout());
        if (!result.succeeded() || !m.find()) {
            throw new BackupException(BackupException.Reason.TOOL_MISSING, dir.resolve("pg_dump")
                    + " --version did not report a PostgreSQL version: " + (result.stdout() + " " + result.stderr())
                            .strip());
        }
        String version = m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2);
        return new PgTools(dir, version, Integer.parseInt(m.group(1)));
    }
}
