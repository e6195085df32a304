package dev.tradingcore.archfixtures.persistenceleak.application;

import com.zaxxer.hikari.HikariDataSource;

/** Violates persistenceLibrariesOnlyInPostgresAdapterAndBootstrap: HikariCP in the application. */
public final class PooledUseCase {
    private HikariDataSource pool;

    public boolean pooled() {
        return pool != null;
    }
}
