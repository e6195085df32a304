package dev.tradingcore.adapters.postgres.schema;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the schema version this build ships, with the very Flyway scripts of the {@code migrations}
 * module. Tests, the {@code migrate} command and application start-up all go through here, so that no path runs
 * a schema production would not.
 */
public final class SchemaMigrator {

    /** Where the {@code migrations} module puts its scripts on the class path. */
    public static final String LOCATION = "classpath:db/migration";

    private final Flyway flyway;
    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                // Each script is one transaction: a failing script leaves nothing half-applied.
                .group(false)
                .validateMigrationNaming(true)
                .load();
    }

    /** Applies every pending script and says what it did. */
    public Migration migrate() {
        MigrateResult result = flyway.migrate();
        return new Migration(result.initialSchemaVersion, result.targetSchemaVersion, result.migrationsExecuted);
    }

    /**
     * Applies the pending scripts, if any: what a start runs. The application's login may read the schema's history
     * but not change the schema; if scripts are pending and the login may not apply them, says who must.
     *
     * @throws NotAllowedToMigrate when scripts are pending and this login may not apply them
     */
    public Migration migrateIfBehind() {
        org.flywaydb.core.api.MigrationInfoService info;
        try {
            info = flyway.info();
        } catch (FlywayException unreadable) {
            if (permissionDenied(unreadable)) {
                // Before V8_1 the application login could not read the history: the schema is behind.
                throw new NotAllowedToMigrate(login(), currentVersionOrUnknown(), unreadable);
            }
            throw unreadable;
        }
        if (info.pending().length == 0) {
            // One read of the history answers both questions: a start with nothing pending costs one query.
            return new Migration(versionOf(info.current()), null, 0);
        }
        try {
            return migrate();
        } catch (FlywayException refused) {
            if (permissionDenied(refused)) {
                throw new NotAllowedToMigrate(login(), currentVersionOrUnknown(), refused);
            }
            throw refused;
        }
    }

    /** Scripts are pending and the login may not apply them (SQLSTATE 42501 on the way). */
    public static final class NotAllowedToMigrate extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotAllowedToMigrate(String login, String version, Throwable cause) {
            super("the database schema is behind this build (at version " + version + ") and the login '" + login
                    + "' may not change it: run `trading-core migrate` with a login that is a member of "
                    + "trading_owner (DATABASE_URL=postgresql://<owner>@host/db), then start again", cause);
        }
    }

    private static boolean permissionDenied(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "42501".equals(sql.getSQLState())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("permission denied")) {
                return true;
            }
        }
        return false;
    }

    private String login() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return c.getMetaData().getUserName();
        } catch (java.sql.SQLException unknown) {
            return "?";
        }
    }

    private String currentVersionOrUnknown() {
        try {
            return currentVersion();
        } catch (FlywayException unreadable) {
            return "unknown to this login";
        }
    }

    /** The version the database is at now, or "none" before the first migration. */
    public String currentVersion() {
        return versionOf(flyway.info().current());
    }

    private static String versionOf(MigrationInfo current) {
        return current == null ? "none" : current.getVersion().getVersion();
    }

    /** Scripts shipped with this build that the database has not run yet. */
    public List<String> pendingScripts() {
        return java.util.Arrays.stream(flyway.info().pending()).map(MigrationInfo::getScript).toList();
    }

    /**
     * What one migration run did.
     *
     * @param fromVersion version before the run ({@code null} on an empty database)
     * @param toVersion version after the run ({@code null} when nothing ran)
     * @param scriptsApplied how many scripts ran
     */
    public record Migration(String fromVersion, String toVersion, int scriptsApplied) {}
}
