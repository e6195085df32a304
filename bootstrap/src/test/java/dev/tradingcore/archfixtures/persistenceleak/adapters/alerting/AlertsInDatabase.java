package dev.tradingcore.archfixtures.persistenceleak.adapters.alerting;

import org.apache.ibatis.session.SqlSession;

/** Violates persistenceLibrariesOnlyInPostgresAdapterAndBootstrap: MyBatis in the alerting adapter. */
public final class AlertsInDatabase {
    private SqlSession session;

    public boolean open() {
        return session != null;
    }
}
