package dev.tradingcore.adapters.postgres.audit.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.schema.PartitionMaintenance;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.seal.RowCheck.RetiredMonth;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention detaches audit months past two years; their blocks stay, so the chain still verifies, and
 * verification says which months retention took. A month still inside retention that loses its rows is tampering.
 */
class AuditRetentionTest {

    private MigratedDatabase db;
    private SealedLog log;

    @BeforeEach
    void oldAndNewRows() throws Exception {
        db = new MigratedDatabase();
        db.beforeAll(null);
        log = new SealedLog(db);
        // A month long past, as if the core had run then: its partition, its rows, sealed at the time.
        log.asSuperuser("CREATE TABLE audit_log_2023_01 PARTITION OF audit_log"
                + " FOR VALUES FROM ('2023-01-01T00:00:00Z') TO ('2023-02-01T00:00:00Z')");
        log.asSuperuser("ALTER TABLE audit_log_2023_01 OWNER TO trading_owner");
        log.asSuperuser("INSERT INTO audit_log (timestamp, component, action, details)"
                + " SELECT '2023-01-10T00:00:00Z'::timestamptz + n * interval '1 minute', 'oms', 'old',"
                + " jsonb_build_object('n', n) FROM generate_series(1, 50) AS n");
        log.seal();
        log.write(30);
        log.seal();
        assertThat(log.single("SELECT count(*) FROM audit_blocks")).isEqualTo(2);
    }

    @AfterEach
    void drop() {
        db.afterAll(null);
    }

    @Test
    void a_month_detached_by_retention_leaves_its_blocks_and_the_chain_verifies_naming_the_month() throws Exception {
        var actions = new PartitionMaintenance(db.dataSource()).maintain(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(actions).anySatisfy(a -> assertThat(a.partition()).isEqualTo("archive.audit_log_2023_01"));
        assertThat(log.single("SELECT count(*) FROM audit_log WHERE timestamp < '2024-01-01'")).isZero();

        VerificationReport report = log.verify();

        assertThat(report.findings()).isEmpty();
        assertThat(report.blocks()).isEqualTo(2);
        assertThat(report.retired()).containsExactly(new RetiredMonth(YearMonth.of(2023, 1), 1, 1, 50));
        assertThat(report.rows()).isEqualTo(30);
    }

    @Test
    void rows_of_a_month_inside_retention_that_vanish_are_tampering() throws Exception {
        log.asSuperuser("DELETE FROM audit_log WHERE timestamp >= '2026-11-01'");

        VerificationReport report = log.verify();

        assertThat(report.retired()).isEmpty();
        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("block 2: all its 30 rows (ids {[51,81)}, 2026-11) are gone from the log"));
    }

    @Test
    void a_single_row_deleted_from_an_old_month_still_there_is_tampering() throws Exception {
        log.asSuperuser("DELETE FROM audit_log WHERE id = 7");

        VerificationReport report = log.verify();

        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .startsWith("row 7 of block 1 is gone from the log"));
    }
}
