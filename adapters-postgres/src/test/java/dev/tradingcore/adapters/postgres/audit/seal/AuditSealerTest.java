package dev.tradingcore.adapters.postgres.audit.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.seal.IdRanges;
import dev.tradingcore.domain.audit.seal.SealedBlock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sealer as the application runs it: what it seals, what it leaves for later, what the application may do. */
class AuditSealerTest {

    private MigratedDatabase db;
    private SealedLog log;

    @BeforeEach
    void database() {
        db = new MigratedDatabase();
        db.beforeAll(null);
        log = new SealedLog(db);
    }

    @AfterEach
    void drop() {
        db.afterAll(null);
    }

    @Test
    void rows_written_are_sealed_into_chained_blocks_and_nothing_is_sealed_twice() throws Exception {
        log.write(40);
        List<SealedBlock> first = log.seal();
        log.write(25);
        List<SealedBlock> second = log.seal();
        List<SealedBlock> third = log.seal();

        assertThat(first).singleElement().satisfies(b -> {
            assertThat(b.number()).isEqualTo(1);
            assertThat(b.rowIds()).isEqualTo(IdRanges.parse("{[1,41)}"));
            assertThat(b.previousHash()).isEqualTo(SealedBlock.GENESIS);
        });
        assertThat(second).singleElement().satisfies(b -> {
            assertThat(b.number()).isEqualTo(2);
            assertThat(b.rowIds().text()).isEqualTo("{[41,66)}");
            assertThat(b.previousHash()).isEqualTo(first.get(0).blockHash());
        });
        assertThat(third).isEmpty();
        assertThat(log.text("SELECT row_ids::text FROM audit_blocks WHERE block_number = 2")).isEqualTo("{[41,66)}");
        assertThat(log.verify().findings()).isEmpty();
    }

    @Test
    void a_row_that_commits_after_higher_ids_were_sealed_is_sealed_later_not_skipped() throws Exception {
        long late;
        try (Connection slow = db.connectAsApplication()) {
            slow.setAutoCommit(false);
            late = insertReturningId(slow);
            // Others write and commit after it; the sealer runs several rounds while it is open.
            for (int round = 0; round < 4; round++) {
                log.write(10);
                log.seal();
            }
            assertThat(blockHolding(late)).isZero();
            assertThat(log.single("SELECT max(settled_below) FROM audit_blocks")).isLessThanOrEqualTo(late);
            assertThat(log.single("SELECT max(last_id) FROM audit_blocks")).isGreaterThan(late);
            slow.commit();
        }
        List<SealedBlock> after = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            after.addAll(log.seal());
        }

        assertThat(after).singleElement().satisfies(b -> assertThat(b.rowIds().text())
                .isEqualTo("{[" + late + "," + (late + 1) + ")}"));
        assertThat(blockHolding(late)).isEqualTo(after.get(0).number());
        VerificationReport report = log.verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.pending()).isZero();
        assertThat(report.rows()).isEqualTo(41);
    }

    @Test
    void the_horizon_does_not_pass_an_open_transaction_that_has_drawn_an_id_but_written_nothing_yet()
            throws Exception {
        long drawn;
        try (Connection slow = db.connectAsApplication()) {
            slow.setAutoCommit(false);
            try (Statement st = slow.createStatement();
                    ResultSet rs = st.executeQuery("SELECT nextval('audit_log_id_seq')")) {
                rs.next();
                drawn = rs.getLong(1);
            }
            for (int round = 0; round < 3; round++) {
                log.write(5);
                log.seal();
            }
            assertThat(log.single("SELECT max(settled_below) FROM audit_blocks")).isLessThanOrEqualTo(drawn);
            try (PreparedStatement st = slow.prepareStatement("INSERT INTO audit_log (id, component, action,"
                    + " details) VALUES (?, 'oms', 'late', '{}')")) {
                st.setLong(1, drawn);
                st.executeUpdate();
            }
            slow.commit();
        }
        log.seal();
        log.seal();

        assertThat(blockHolding(drawn)).isPositive();
        assertThat(log.verify().findings()).isEmpty();
    }

    @Test
    void rows_of_two_months_go_to_two_blocks() throws Exception {
        log.asSuperuser("INSERT INTO audit_log (timestamp, component, action, details) VALUES"
                + " ('2026-10-31T23:59:59.999999Z', 'oms', 'a', '{\"n\": 1.50}'),"
                + " ('2026-11-01T00:00:00Z', 'oms', 'b', '{\"n\": [1, {\"z\": null, \"a\": true}]}'),"
                + " ('2026-10-15T00:00:00Z', 'oms', 'c', '{}')");

        List<SealedBlock> blocks = log.seal();

        assertThat(blocks).extracting(b -> b.period().toString() + " " + b.rowIds())
                .containsExactly("2026-10 {[1,2),[3,4)}", "2026-11 {[2,3)}");
        assertThat(log.verify().findings()).isEmpty();
    }

    @Test
    void rows_with_escapes_and_any_unicode_hash_alike_when_sealed_and_when_verified() throws Exception {
        // The sealer reads rows through JDBC, verification through COPY's text format: both must give the same bytes.
        log.asSuperuser("INSERT INTO audit_log (component, action, details, user_id) VALUES"
                + " (E'tab\\there', E'back\\\\slash', '{\"s\": \"line\\nbreak\\ttab \\\\ \\\" \\u0001 é 😀\","
                + " \"n\": -0.000100, \"big\": 123456789012345678901234567890.5, \"e\": 1e3, \"arr\": [], \"o\": {}}',"
                + " NULL)");

        assertThat(log.seal()).hasSize(1);
        VerificationReport report = log.verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.rows()).isEqualTo(1);
    }

    @Test
    void a_second_sealer_seals_nothing_while_the_first_holds_the_lock() throws Exception {
        log.write(3);
        try (Connection other = db.connect()) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + 0x6175646974736561L + ")");
            }
            assertThat(log.seal()).isEmpty();
            other.rollback();
        }
        assertThat(log.seal()).hasSize(1);
    }

    @Test
    void the_application_appends_blocks() throws Exception {
        log.write(1);
        assertThat(log.seal()).hasSize(1);
        assertThat(log.single("SELECT count(*) FROM audit_blocks")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE audit_blocks SET row_count = 2",
        "DELETE FROM audit_blocks",
        "TRUNCATE audit_blocks"
    })
    void the_application_cannot_change_or_remove_a_block(String statement) throws Exception {
        log.write(1);
        log.seal();
        try (Connection app = db.connectAsApplication(); Statement st = app.createStatement()) {
            assertThatThrownBy(() -> st.execute(statement)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied for table audit_blocks");
        }
        assertThat(log.single("SELECT row_count FROM audit_blocks")).isEqualTo(1);
    }

    private long blockHolding(long id) throws SQLException {
        return log.single("SELECT coalesce(max(block_number), 0) FROM audit_blocks WHERE row_ids @> " + id + "::bigint");
    }

    private static long insertReturningId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("INSERT INTO audit_log (component,"
                + " action, details) VALUES ('oms', 'slow', '{\"order_id\": \"O-slow\"}') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
