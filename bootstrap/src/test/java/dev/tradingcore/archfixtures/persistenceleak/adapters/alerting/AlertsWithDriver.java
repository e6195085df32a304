package dev.tradingcore.archfixtures.persistenceleak.adapters.alerting;

import org.postgresql.PGConnection;

/** Violates persistenceLibrariesOnlyInPostgresAdapterAndBootstrap: the PostgreSQL driver in the alerting adapter. */
public final class AlertsWithDriver {
    private PGConnection connection;

    public boolean open() {
        return connection != null;
    }
}
