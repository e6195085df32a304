package dev.tradingcore.adapters.postgres.position;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.reconciliation.PositionCorrections.Correction;
import dev.tradingcore.domain.reconciliation.PositionCorrectionsContract;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MyBatisPositionCorrectionsTest extends PositionCorrectionsContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static PostgresPersistence persistence() {
        return db.persistence();
    }

    @Override
    protected PositionCorrections corrections() {
        return persistence().positionCorrections();
    }

    @Override
    protected PositionRepository positions() {
        return persistence().positions();
    }

    @Override
    protected int auditLines(String action, Symbol symbol) {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE action = ? AND details->>'symbol' = ?")) {
            st.setString(1, action);
            st.setString(2, symbol.value());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void positions_and_audit_lines_are_written_by_one_transaction() throws Exception {
        Position corrected = Position.opened(Symbol.of("TXC1"), new BigDecimal("5"), Price.of("3"), BigDecimal.ZERO,
                BigDecimal.ZERO, Option.none(), T);

        corrections().apply(List.of(new Correction(corrected, 0)), List.of(AuditEvent.of(T, "reconciliation",
                "tx_check", AuditSeverity.WARNING, AuditEvent.details("symbol", "TXC1")))).get();

        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement("""
                SELECT (SELECT xmin::text FROM positions WHERE symbol = 'TXC1')
                     = (SELECT xmin::text FROM audit_log WHERE action = 'tx_check')
                """); ResultSet rs = st.executeQuery()) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("position and audit line written by the same transaction").isTrue();
        }
    }
}
