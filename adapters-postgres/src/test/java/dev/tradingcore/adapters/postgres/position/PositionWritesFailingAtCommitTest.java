package dev.tradingcore.adapters.postgres.position;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tradingcore.adapters.postgres.Mappers;
import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fill.FillBookkeeping;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.reconciliation.PositionCorrections.Correction;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every write of a position goes through {@code PositionMapper.upsert}, an {@code INSERT ... RETURNING version}
 * declared as a {@code <select>}: MyBatis does not count it as a change, so a {@code session.commit()} without force
 * commits nothing, and the transaction then ends wherever the connection's autocommit is reset (which commits in
 * pgjdbc, and whose failure MyBatis swallows). Here the COMMIT itself fails (a deferred constraint trigger refuses the
 * row at commit time, as a serialization failure or a lost server would): every writer must report the failure, and
 * none may report a version of a row that does not exist.
 */
class PositionWritesFailingAtCommitTest {

    private static final Instant T = Instant.parse("2026-11-23T15:00:00Z");

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @BeforeAll
    static void refuseSymbolsAtCommit() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE FUNCTION refused_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        RAISE EXCEPTION 'position % refused at commit', NEW.symbol USING ERRCODE = '23514';
                    END $$;
                    CREATE CONSTRAINT TRIGGER refused_at_commit AFTER INSERT OR UPDATE ON positions
                        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.symbol LIKE 'REFUSED%')
                        EXECUTE FUNCTION refused_at_commit();
                    """);
        }
    }

    private static PostgresPersistence persistence() {
        return db.persistence();
    }

    private static Position opened(String symbol) {
        return Position.opened(Symbol.of(symbol), new BigDecimal("5"), Price.of("3"), BigDecimal.ZERO,
                BigDecimal.ZERO, Option.none(), T);
    }

    @Test
    void save_all_reports_the_failed_commit_and_no_version() throws SQLException {
        Throwable failure = catchThrowable(() -> persistence().positions().saveAll(List.of(opened("OKAY1"),
                opened("REFUSED1"))));

        assertThat(failure).as("saveAll whose COMMIT failed").isNotNull();
        assertThat(failure).hasStackTraceContaining("position REFUSED1 refused at commit");
        assertThat(rows("OKAY1", "REFUSED1")).as("nothing of the batch stored").isZero();
    }

    @Test
    void save_reports_the_failed_commit() throws SQLException {
        Throwable failure = catchThrowable(() -> persistence().positions().save(opened("REFUSED2")));

        assertThat(failure).hasStackTraceContaining("position REFUSED2 refused at commit");
        assertThat(rows("REFUSED2")).isZero();
    }

    @Test
    void corrections_report_the_failed_commit_and_write_no_audit_line() throws SQLException {
        Throwable failure = catchThrowable(() -> persistence().positionCorrections().apply(
                List.of(new Correction(opened("REFUSED3"), 0)),
                List.of(AuditEvent.of(T, "reconciliation", "position_corrected", AuditSeverity.WARNING,
                        AuditEvent.details("symbol", "REFUSED3")))));

        assertThat(failure).hasStackTraceContaining("position REFUSED3 refused at commit");
        assertThat(rows("REFUSED3")).isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE details->>'symbol' = 'REFUSED3'")).isZero();
    }

    @Test
    void a_fill_reports_the_failed_commit_and_stores_no_trade() throws SQLException {
        Order order = anOrder().withId("refused-4").withSymbol("REFUSED4").withQuantity("5").submitted();
        persistence().orders().save(order);

        Throwable failure = catchThrowable(() -> persistence().fillJournal().record(
                aTradeFor(order).withId("refused-4-t1").withQuantity("5").at("3").build(), FillBookkeeping.at(T)));

        assertThat(failure).hasStackTraceContaining("position REFUSED4 refused at commit");
        assertThat(rows("REFUSED4")).isZero();
        assertThat(count("SELECT count(*) FROM trades WHERE trade_id = 'refused-4-t1'")).isZero();
    }

    /**
     * The statements that write while MyBatis thinks they read: the position upsert (saveAll, save, corrections) and
     * the fill path's saveBooked (the fill journal), whose every caller is tested above. A new one needs its callers
     * to force the commit (Transactions does) and a case here.
     */
    @Test
    void the_writes_declared_as_selects_are_the_ones_tested_here() throws Exception {
        java.util.regex.Pattern writingSelect = java.util.regex.Pattern.compile(
                "<select\\s+id=\"([^\"]+)\"[^>]*>\\s*(INSERT|UPDATE|DELETE|MERGE|WITH)\\b",
                java.util.regex.Pattern.CASE_INSENSITIVE);
        java.util.Set<String> writesAsSelects = new java.util.TreeSet<>();
        for (Class<?> mapper : Mappers.ALL) {
            String xml;
            try (var in = mapper.getResourceAsStream(mapper.getSimpleName() + ".xml")) {
                assertThat(in).as("the XML of %s", mapper.getName()).isNotNull();
                xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            java.util.regex.Matcher found = writingSelect.matcher(xml);
            while (found.find()) {
                writesAsSelects.add(mapper.getSimpleName() + "." + found.group(1));
            }
        }
        assertThat(writesAsSelects).containsExactly("PositionMapper.saveBooked", "PositionMapper.upsert");
    }

    private static long rows(String... symbols) throws SQLException {
        return count("SELECT count(*) FROM positions WHERE symbol IN ('" + String.join("', '", symbols) + "')");
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
