package dev.tradingcore.archfixtures.persistenceleak.adapters.broker;

import java.sql.Connection;

/** Violates persistenceLibrariesOnlyInPostgresAdapterAndBootstrap: java.sql in the broker adapter. */
public final class BrokerWithJdbc {
    private Connection connection;

    public boolean open() {
        return connection != null;
    }
}
