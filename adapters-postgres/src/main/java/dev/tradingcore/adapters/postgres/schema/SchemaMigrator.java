package dev.tradingcore.adapters.postgres.schema;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
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

    public SchemaMigrator(DataSource dataSource) {
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

    /** The version the database is at now, or "none" before the first migration. */
    public String currentVersion() {
        MigrationInfo current = flyway.info().current();
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
