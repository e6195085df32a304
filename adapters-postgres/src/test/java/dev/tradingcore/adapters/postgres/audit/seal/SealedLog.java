package dev.tradingcore.adapters.postgres.audit.seal;

import dev.tradingcore.adapters.postgres.audit.PostgresAudit;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.audit.seal.SealedBlock;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * An audit log on a migrated database, written and sealed as the application ({@code trading_app}), verified as the
 * application, and tampered with by the test as the superuser.
 */
final class SealedLog {

    static final Instant T = Instant.parse("2026-11-23T15:00:00Z");

    final MigratedDatabase db;
    final AuditLog log;
    final PostgresAuditSealer sealer;
    final PostgresAuditVerification verification;
    private int written;

    SealedLog(MigratedDatabase db) {
        this.db = db;
        this.log = PostgresAudit.log(db.sessions());
        this.sealer = new PostgresAuditSealer(db.dataSource(), Clock.fixed(T.plusSeconds(3600), ZoneOffset.UTC));
        this.verification = new PostgresAuditVerification(db.dataSource());
    }

    /** Appends n events in one batch, as the application's audit logger does. */
    void write(int n) {
        List<AuditEvent> events = List.empty();
        for (int i = 0; i < n; i++) {
            int k = ++written;
            events = events.append(new AuditEvent(T.plusMillis(k), "oms", "order_submitted",
                    AuditEvent.details("order_id", "O-" + k, "qty", String.valueOf(k), "note", "line \"" + k + "\""),
                    Option.some("trader"), Option.none(), AuditSeverity.INFO));
        }
        log.appendAll(events);
    }

    java.util.List<SealedBlock> seal() {
        return sealer.sealPending();
    }

    VerificationReport verify() throws SQLException {
        return verification.verify(Optional.empty(), Optional.empty(), Optional.empty(), T.plusSeconds(7200),
                VerificationProgress.NONE);
    }

    /** Runs a statement as the superuser, returning the rows it changed. */
    int asSuperuser(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    long single(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String text(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
