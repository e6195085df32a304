package dev.tradingcore.archfixtures.persistenceleak.adapters.broker;

import javax.sql.DataSource;

/** Violates persistenceLibrariesOnlyInPostgresAdapterAndBootstrap: javax.sql in the broker adapter. */
public final class BrokerWithDataSource {
    private DataSource dataSource;

    public boolean configured() {
        return dataSource != null;
    }
}
