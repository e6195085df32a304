package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trading-core audit ...} as an operator and an auditor use it: exit status 0 intact, 1 tampered (naming the
 * row or block), 2 could not check.
 */
class AuditCommandTest {

    @TempDir
    Path dir;

    private String database;

    @BeforeEach
    void database() {
        database = TemplateDatabase.createFresh();
    }

    @AfterEach
    void drop() {
        TemplateDatabase.drop(database);
    }

    @Test
    void a_trading_session_leaves_its_audit_trail_sealed_and_it_verifies() throws Exception {
        DatabaseCli.Run session = DatabaseCli.run(database, "run", "--orders", "12", "--symbols", "AAPL,MSFT",
                "--seed", "5", "--simulation-state", dir.resolve("sim.json").toString());
        assertThat(session.code()).as(session.toString()).isZero();
        long rows = single("SELECT count(*) FROM audit_log");
        assertThat(rows).isPositive();

        DatabaseCli.Run verify = DatabaseCli.run(database, "audit", "verify");

        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("rows: " + rows + " checked").contains("0 newer rows not sealed yet")
                .endsWith("intact" + System.lineSeparator());
    }

    @Test
    void verify_digest_export_and_an_edit_found() throws Exception {
        execute("INSERT INTO audit_log (timestamp, component, action, details) SELECT"
                + " '2026-11-23T15:00:00Z'::timestamptz + n * interval '1 second', 'oms', 'order_submitted',"
                + " jsonb_build_object('order_id', 'O-' || n, 'qty', n) FROM generate_series(1, 500) AS n");
        DatabaseCli.Run seal = DatabaseCli.run(database, "audit", "seal");
        assertThat(seal.code()).as(seal.toString()).isZero();
        assertThat(seal.out()).startsWith("sealed 500 rows in 1 blocks; newest 1:");

        DatabaseCli.Run digest = DatabaseCli.run(database, "audit", "digest");
        assertThat(digest.code()).isZero();
        String kept = digest.out().strip();
        assertThat(kept).matches("1:[0-9a-f]{64}");

        DatabaseCli.Run intact = DatabaseCli.run(database, "audit", "verify", "--digest", kept);
        assertThat(intact.code()).as(intact.toString()).isZero();
        assertThat(intact.out()).contains("intact: the log holds, unchanged, everything up to block 1 of the digest");

        Path export = dir.resolve("audit.jsonl");
        DatabaseCli.Run exported = DatabaseCli.run(database, "audit", "export", "--from", "2026-11-23T15:01:00Z",
                "--to", "2026-11-23T15:02:00Z", "--out", export.toString());
        assertThat(exported.code()).as(exported.toString()).isZero();
        assertThat(exported.out()).contains("61 rows in the range, 500 rows of 1 blocks");
        DatabaseCli.Run file = DatabaseCli.run(database, "audit", "verify", "--file", export.toString(),
                "--digest", kept);
        assertThat(file.code()).as(file.toString()).isZero();

        execute("UPDATE audit_log SET details = details || '{\"qty\": 1}' WHERE id = 77");
        DatabaseCli.Run tampered = DatabaseCli.run(database, "audit", "verify");

        assertThat(tampered.code()).as(tampered.toString()).isEqualTo(1);
        assertThat(tampered.out()).contains("TAMPERED: block 1: its rows (ids {[1,501)}) no longer hash to its"
                + " Merkle root");
        DatabaseCli.Run refused = DatabaseCli.run(database, "audit", "export", "--from", "2026-11-23T15:01:00Z",
                "--to", "2026-11-23T15:02:00Z", "--out", dir.resolve("refused.jsonl").toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(dir.resolve("refused.jsonl")).doesNotExist();
    }

    @Test
    void a_deleted_row_is_named_with_exit_status_1() throws Exception {
        execute("INSERT INTO audit_log (component, action, details) SELECT 'oms', 'x', '{}'"
                + " FROM generate_series(1, 30)");
        assertThat(DatabaseCli.run(database, "audit", "seal").code()).isZero();
        execute("DELETE FROM audit_log WHERE id = 12");

        DatabaseCli.Run run = DatabaseCli.run(database, "audit", "verify");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("TAMPERED: row 12 of block 1 is gone from the log");
    }

    @Test
    void a_database_that_cannot_be_reached_or_a_missing_file_could_not_be_checked() throws Exception {
        DatabaseCli.Run missing = DatabaseCli.run(database, "audit", "verify", "--file",
                dir.resolve("nothing.jsonl").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("could not check: --file").contains("does not exist");

        Files.writeString(dir.resolve("other.jsonl"), "{\"format\":\"something else\"}\n");
        DatabaseCli.Run other = DatabaseCli.run(database, "audit", "verify", "--file",
                dir.resolve("other.jsonl").toString());
        assertThat(other.code()).isEqualTo(2);

        DatabaseCli.Run badDigest = DatabaseCli.run(database, "audit", "verify", "--digest", "abc");
        assertThat(badDigest.code()).isEqualTo(2);
        assertThat(badDigest.err()).contains("--digest: a digest is BLOCK:HASH");

        DatabaseCli.Run unreachable = unreachableDatabase("audit", "verify");
        assertThat(unreachable.code()).as(unreachable.toString()).isEqualTo(2);
        assertThat(unreachable.err()).contains("could not check:");
    }

    private static DatabaseCli.Run unreachableDatabase(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = TradingCoreCommand.newCommandLine(java.util.Map.of());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.addAll(java.util.List.of("--set", "database.url=postgresql://nobody@127.0.0.1:1/nothing", "--set",
                "database.timeout-seconds=1"));
        int code = cli.execute(all.toArray(String[]::new));
        return new DatabaseCli.Run(code, out.toString(), err.toString());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long single(String sql) throws SQLException {
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
