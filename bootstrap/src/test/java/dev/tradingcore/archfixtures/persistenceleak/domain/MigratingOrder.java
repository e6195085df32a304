package dev.tradingcore.archfixtures.persistenceleak.domain;

import org.flywaydb.core.Flyway;

/** Violates persistenceLibrariesOnlyInPostgresAdapterAndBootstrap: Flyway in the domain. */
public final class MigratingOrder {
    private Flyway flyway;

    public boolean migrated() {
        return flyway != null;
    }
}
