package dev.tradingcore.adapters.postgres.audit.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.seal.AuditDigest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export verifies on its own, and a file changed after export does not. */
class AuditExportTest {

    @TempDir
    Path dir;

    private MigratedDatabase db;
    private SealedLog log;
    private Path file;

    @BeforeEach
    void exportTheMiddle() throws Exception {
        db = new MigratedDatabase();
        db.beforeAll(null);
        log = new SealedLog(db);
        for (int round = 0; round < 3; round++) {
            log.write(20); // rows k at T + k ms: 1-20, 21-40, 41-60
            log.seal();
        }
        file = dir.resolve("audit.jsonl");
        AuditExport.Written written = new AuditExport(db.dataSource()).export(SealedLog.T.plusMillis(25),
                SealedLog.T.plusMillis(35), file, SealedLog.T.plusSeconds(9000));
        assertThat(written.blocks()).isEqualTo(2); // block 2 holds the range, block 3 carries the chain to the end
        assertThat(written.rows()).isEqualTo(20);
        assertThat(written.rowsInRange()).isEqualTo(11);
    }

    @AfterEach
    void drop() {
        db.afterAll(null);
    }

    @Test
    void an_export_verifies_without_the_database_and_against_the_digest() throws Exception {
        AuditDigest digest = log.sealer.newestDigest().orElseThrow();
        db.afterAll(null);
        db = new MigratedDatabase();
        db.beforeAll(null); // the original database is gone: nothing below reads it

        ExportFileVerification.Result result = new ExportFileVerification().verify(file, Optional.of(digest));

        assertThat(result.findings()).isEmpty();
        assertThat(result.rows()).isEqualTo(20);
        assertThat(result.newestDigest()).isEqualTo(digest.toString());
    }

    @Test
    void a_row_changed_in_the_file_is_named() throws Exception {
        rewrite(line -> line.contains("\\\"order_id\\\":\\\"O-30\\\"") ? line.replace("O-30", "O-99") : line);

        ExportFileVerification.Result result = new ExportFileVerification().verify(file, Optional.empty());

        assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .startsWith("row 30 (line ").endsWith("is not proven in block 2: its proof does not lead to the"
                        + " block's root"));
    }

    @Test
    void a_row_left_out_of_the_file_is_found() throws Exception {
        rewrite(line -> line.contains("\\\"id\\\":33,") ? null : line);

        ExportFileVerification.Result result = new ExportFileVerification().verify(file, Optional.empty());

        assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("block 2: 1 of its 20 rows are not in the file, first row 33"));
    }

    @Test
    void a_digest_kept_from_another_chain_does_not_match() throws Exception {
        AuditDigest other = new AuditDigest(3, "00".repeat(32));

        ExportFileVerification.Result result = new ExportFileVerification().verify(file, Optional.of(other));

        assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("block 3 does not match the digest " + other));
    }

    @Test
    void the_log_changed_before_export_is_refused() throws Exception {
        log.asSuperuser("UPDATE audit_log SET action = 'x' WHERE id = 22");

        assertThatThrownBy(() -> new AuditExport(db.dataSource()).export(SealedLog.T, SealedLog.T.plusSeconds(1),
                dir.resolve("refused.jsonl"), Instant.EPOCH))
                .isInstanceOf(AuditExport.BlockDoesNotVerify.class)
                .hasMessage("block 2 does not match its rows any more: run 'trading-core audit verify' to see where");
        assertThat(dir.resolve("refused.jsonl")).doesNotExist();
    }

    private void rewrite(java.util.function.UnaryOperator<String> edit) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String edited = edit.apply(line);
            if (edited != null) {
                out.add(edited);
            }
        }
        Files.write(file, out, StandardCharsets.UTF_8);
    }
}
