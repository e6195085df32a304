package dev.tradingcore.adapters.postgres.audit;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import io.vavr.collection.List;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.TransactionIsolationLevel;

/**
 * {@link AuditLog} on the monthly-partitioned {@code audit_log}. A batch is one transaction of multi-row INSERTs,
 * {@value #ROWS_PER_STATEMENT} rows each: all of it is stored, in order, or none of it.
 */
final class MyBatisAuditLog implements AuditLog {

    /** Rows per INSERT: 7 parameters each, 3500 in all, far below the protocol's 65535. */
    static final int ROWS_PER_STATEMENT = 500;

    private final SqlSessionFactory sessions;

    MyBatisAuditLog(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public void append(AuditEvent event) {
        AuditRow row = AuditRow.of(event);
        try (SqlSession session = sessions.openSession(true)) {
            session.getMapper(AuditMapper.class).insert(row);
        }
    }

    @Override
    public void appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        java.util.List<AuditRow> rows = events.map(AuditRow::of).toJavaList();
        try (SqlSession session = sessions.openSession(TransactionIsolationLevel.READ_COMMITTED)) {
            AuditMapper mapper = session.getMapper(AuditMapper.class);
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                mapper.insertAll(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
            }
            session.commit();
        }
    }
}
