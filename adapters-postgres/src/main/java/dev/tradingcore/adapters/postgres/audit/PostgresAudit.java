package dev.tradingcore.adapters.postgres.audit;

import dev.tradingcore.domain.audit.AuditLog;
import org.apache.ibatis.session.SqlSessionFactory;

/** Entry point of this package for {@link dev.tradingcore.adapters.postgres.PostgresPersistence}. */
public final class PostgresAudit {

    private PostgresAudit() {}

    /** The synchronous audit log: each call writes before it returns. */
    public static AuditLog log(SqlSessionFactory sessions) {
        return new MyBatisAuditLog(sessions);
    }

    public static AuditTrail trail(SqlSessionFactory sessions) {
        return new AuditTrail(sessions);
    }
}
