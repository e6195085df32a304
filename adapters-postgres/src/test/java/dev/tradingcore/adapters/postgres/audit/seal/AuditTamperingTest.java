package dev.tradingcore.adapters.postgres.audit.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.seal.AuditDigest;
import dev.tradingcore.domain.audit.seal.SealedBlock;
import dev.tradingcore.domain.audit.seal.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whoever holds a superuser role can change the audit log behind the application's back; each way of doing it is
 * found by verification, which names the row or block. Each test has its own database: three blocks of 100 rows
 * (ids 1-100, 101-200, 201-300), sealed as the application, the horizon past row 200.
 */
class AuditTamperingTest {

    private MigratedDatabase db;
    private SealedLog log;

    @BeforeEach
    void sealThreeBlocks() throws Exception {
        db = new MigratedDatabase();
        db.beforeAll(null);
        log = new SealedLog(db);
        for (int round = 0; round < 3; round++) {
            log.write(100);
            assertThat(log.seal()).hasSize(1);
        }
        assertThat(log.single("SELECT max(block_number) FROM audit_blocks")).isEqualTo(3);
        assertThat(log.single("SELECT settled_below FROM audit_blocks WHERE block_number = 3")).isEqualTo(201);
    }

    @AfterEach
    void dropDatabase() {
        db.afterAll(null);
    }

    @Test
    void an_untouched_log_verifies() throws Exception {
        VerificationReport report = log.verify();

        assertThat(report.findings()).isEmpty();
        assertThat(report.intact()).isTrue();
        assertThat(report.blocks()).isEqualTo(3);
        assertThat(report.blocksChecked()).isEqualTo(3);
        assertThat(report.rows()).isEqualTo(300);
    }

    @Test
    void an_edited_detail_is_found_in_its_block() throws Exception {
        assertThat(log.asSuperuser("UPDATE audit_log SET details = jsonb_set(details, '{qty}', '\"9999\"')"
                + " WHERE id = 150")).isEqualTo(1);

        VerificationReport report = log.verify();

        assertThat(report.intact()).isFalse();
        assertThat(report.findings()).hasSize(1);
        assertThat(report.findings().get(0).block()).isEqualTo(2);
        assertThat(report.findings().get(0).message()).startsWith("block 2: its rows (ids {[101,201)})")
                .contains("no longer hash to its Merkle root");
    }

    @Test
    void a_deleted_row_is_named() throws Exception {
        assertThat(log.asSuperuser("DELETE FROM audit_log WHERE id = 120")).isEqualTo(1);

        VerificationReport report = log.verify();

        assertThat(report.findings()).hasSize(1);
        assertThat(report.findings().get(0).row()).isEqualTo(120);
        assertThat(report.findings().get(0).message())
                .isEqualTo("row 120 of block 2 is gone from the log (1 of the block's 100 rows missing)");
    }

    @Test
    void a_row_inserted_below_the_sealed_horizon_is_named() throws Exception {
        log.asSuperuser("INSERT INTO audit_log (id, timestamp, component, action, details)"
                + " VALUES (0, '2026-11-23T15:00:00Z', 'oms', 'order_submitted', '{\"order_id\": \"O-forged\"}')");

        VerificationReport report = log.verify();

        assertThat(report.findings()).hasSize(1);
        assertThat(report.findings().get(0).row()).isEqualTo(0);
        assertThat(report.findings().get(0).message()).isEqualTo("row 0 is in no sealed block though every row"
                + " below 201 was sealed: it was inserted after sealing");
    }

    @Test
    void a_second_row_under_a_sealed_id_is_named() throws Exception {
        log.asSuperuser("INSERT INTO audit_log (id, timestamp, component, action, details)"
                + " VALUES (42, '2026-11-23T15:30:00Z', 'oms', 'order_cancelled', '{\"order_id\": \"O-42\"}')");

        VerificationReport report = log.verify();

        assertThat(report.findings()).extracting(f -> f.message())
                .contains("row 42 is in the log more than once (a row was inserted with an id already sealed)");
        assertThat(report.intact()).isFalse();
    }

    @Test
    void two_rows_swapped_are_found_in_their_block() throws Exception {
        // Row 130 takes 131's place and 131 takes 130's: same rows, another order.
        log.asSuperuser("UPDATE audit_log SET id = CASE id WHEN 130 THEN 131 ELSE 130 END WHERE id IN (130, 131)");
        assertThat(log.text("SELECT details->>'order_id' FROM audit_log WHERE id = 130")).isEqualTo("O-131");

        VerificationReport report = log.verify();

        assertThat(report.findings()).hasSize(1);
        assertThat(report.findings().get(0).block()).isEqualTo(2);
        assertThat(report.findings().get(0).message()).contains("no longer hash to its Merkle root");
    }

    @Test
    void a_truncated_partition_is_found_block_by_block() throws Exception {
        String partition = log.text("SELECT tableoid::regclass::text FROM audit_log WHERE id = 1");
        log.asSuperuser("TRUNCATE " + partition);

        VerificationReport report = log.verify();

        assertThat(report.findings()).hasSize(3);
        assertThat(report.findings().get(0).message())
                .isEqualTo("block 1: all its 100 rows (ids {[1,101)}, 2026-11) are gone from the log");
        assertThat(report.retired()).isEmpty();
    }

    @Test
    void a_rewritten_block_is_named() throws Exception {
        log.asSuperuser("UPDATE audit_blocks SET merkle_root = sha256('forged') WHERE block_number = 2");

        VerificationReport report = log.verify();

        assertThat(report.findings()).hasSize(2);
        assertThat(report.findings().get(0).message()).startsWith("block 2 was rewritten: its stored hash");
        assertThat(report.findings().get(1).message()).startsWith("block 2: its rows (ids {[101,201)})");
    }

    @Test
    void a_block_rewritten_with_its_hash_breaks_the_link_to_the_next() throws Exception {
        SealedBlock block = storedBlock(2);
        SealedBlock forged = SealedBlock.seal(2, block.previousHash(), Sha256.digest().digest("x".getBytes()),
                block.rowIds(), block.period(), block.firstTime(), block.lastTime(), block.sealedAt(),
                block.settledBelow());
        store(forged);

        VerificationReport report = log.verify();

        assertThat(report.findings()).extracting(f -> f.message()).anySatisfy(m -> assertThat(m)
                .startsWith("block 3 does not follow block 2: its previous hash"));
    }

    @Test
    void a_log_edited_and_resealed_to_the_end_passes_alone_but_not_against_a_digest_kept_before() throws Exception {
        AuditDigest kept = log.sealer.newestDigest().orElseThrow();
        log.asSuperuser("UPDATE audit_log SET details = jsonb_set(details, '{qty}', '\"9999\"') WHERE id = 250");
        // The forger recomputes block 3 from the edited rows, as a sealer would.
        log.asSuperuser("DELETE FROM audit_blocks WHERE block_number = 3");
        log.asSuperuser("UPDATE audit_blocks SET settled_below = -9223372036854775808 WHERE block_number = 2");
        resealBlock2Consistently();
        new PostgresAuditSealer(db.adminDataSource(), java.time.Clock.fixed(SealedLog.T, java.time.ZoneOffset.UTC))
                .sealPending();
        assertThat(log.single("SELECT max(block_number) FROM audit_blocks")).isEqualTo(3);

        assertThat(log.verify().findings()).isEmpty();
        VerificationReport againstDigest = log.verification.verify(Optional.empty(), Optional.empty(),
                Optional.of(kept), SealedLog.T.plusSeconds(7200), VerificationProgress.NONE);

        assertThat(againstDigest.findings()).hasSize(1);
        assertThat(againstDigest.findings().get(0).message())
                .startsWith("block 3 does not match the digest " + kept + ": it hashes to ");
    }

    @Test
    void the_digest_of_an_untouched_log_verifies() throws Exception {
        AuditDigest kept = log.sealer.newestDigest().orElseThrow();
        log.write(10);
        log.seal();

        VerificationReport report = log.verification.verify(Optional.empty(), Optional.empty(), Optional.of(kept),
                SealedLog.T.plusSeconds(7200), VerificationProgress.NONE);

        assertThat(report.findings()).isEmpty();
        assertThat(report.blocksChecked()).isEqualTo(3);
        assertThat(report.blocks()).isEqualTo(4);
    }

    /** Block 2 rewritten with a settled_below the forger chose, its hash recomputed so the chain still links. */
    private void resealBlock2Consistently() throws SQLException {
        SealedBlock block = storedBlock(2);
        SealedBlock resealed = SealedBlock.seal(2, block.previousHash(), block.merkleRoot(), block.rowIds(),
                block.period(), block.firstTime(), block.lastTime(), block.sealedAt(), block.settledBelow());
        store(resealed);
    }

    private SealedBlock storedBlock(long number) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT " + StoredBlocks.COLUMNS + " FROM audit_blocks WHERE block_number = ?")) {
            st.setLong(1, number);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return StoredBlocks.read(rs);
            }
        }
    }

    private void store(SealedBlock block) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM audit_blocks WHERE block_number = ?")) {
                del.setLong(1, block.number());
                del.executeUpdate();
            }
            StoredBlocks.append(c, block);
            c.commit();
        }
    }
}
