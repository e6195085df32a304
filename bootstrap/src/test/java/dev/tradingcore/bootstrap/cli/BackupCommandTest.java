package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** backup and restore as an operator runs them, with their exit statuses, against the real test server. */
class BackupCommandTest {

    private String database;
    private final List<String> made = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void tradingDatabase() throws Exception {
        database = TemplateDatabase.createFresh();
        made.add(database);
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO orders (order_id, symbol, side, quantity, order_type, status, submitted_at)
                    VALUES ('cli-1', 'AAPL', 'buy', 10, 'market', 'submitted', now())
                    """);
            st.execute("""
                    INSERT INTO trades (trade_id, order_id, symbol, side, quantity, price, timestamp, trade_value)
                    VALUES ('cli-1-t0', 'cli-1', 'AAPL', 'buy', 4, 150, now(), 600)
                    """);
        }
    }

    @AfterEach
    void dropDatabases() {
        made.forEach(TemplateDatabase::drop);
    }

    record Run(int exitCode, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TradingCoreCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--set");
        all.add("database.url=" + urlWithCredentials());
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private String urlWithCredentials() {
        DatabaseUrl url = PostgresServer.get().urlOf(database);
        String jdbc = url.jdbcUrl();
        return jdbc + (jdbc.contains("?") ? "&" : "?") + "user=" + url.user().orElse("postgres")
                + url.password().map(p -> "&password=" + p).orElse("");
    }

    private static Path dumpIn(String output) {
        Matcher m = Pattern.compile("backup of .*: (\\S+\\.dump)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Path.of(m.group(1));
    }

    @Test
    void backup_verify_and_restore_then_print_the_reconciliation_to_run_before_trading() throws Exception {
        Run backup = run("backup", "--to", dir.toString());

        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("schema version").contains("sha256").contains("trades 1")
                .contains("verified: checksum and pg_restore --list");
        Path dump = dumpIn(backup.out());

        Run verify = run("backup", "--verify", dump.toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("verified");

        String target = "tc_cli_restored_" + ProcessHandle.current().pid();
        made.add(target);
        Run restore = run("restore", "--from", dump.toString(), "--into", target);

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restored " + dump + " into database " + target)
                .contains("match the manifest")
                .contains("trading-core reconcile-only --broker")
                .contains("DATABASE_URL=").contains("/" + target)
                .contains("not replayed from the audit log");
        try (Connection c = PostgresServer.get().connect(target); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM trades")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }

        Run again = run("restore", "--from", dump.toString(), "--into", target);
        assertThat(again.exitCode()).as("an existing database without --replace").isEqualTo(RestoreCommand.REFUSED);
        assertThat(again.err()).contains("exists").contains("--replace");
    }

    @Test
    void a_damaged_dump_exits_4_for_verify_and_restore_and_nothing_is_created() throws Exception {
        Path dump = dumpIn(run("backup", "--to", dir.toString()).out());
        try (RandomAccessFile file = new RandomAccessFile(dump.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0x80);
        }

        Run verify = run("backup", "--verify", dump.toString());
        String target = "tc_cli_never_" + ProcessHandle.current().pid();
        made.add(target);
        Run restore = run("restore", "--from", dump.toString(), "--into", target);

        assertThat(verify.exitCode()).isEqualTo(BackupCommand.DAMAGED);
        assertThat(verify.err()).contains("SHA-256");
        assertThat(restore.exitCode()).isEqualTo(BackupCommand.DAMAGED);
        try (Connection admin = PostgresServer.get().connectAdmin(); Statement st = admin.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE '" + target
                        + "%'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void keep_deletes_the_oldest_dumps_after_the_new_one_is_verified() throws Exception {
        for (int i = 0; i < 3; i++) {
            Run r = run("backup", "--to", dir.toString(), "--keep", "2");
            assertThat(r.exitCode()).as(r.err()).isZero();
            Thread.sleep(5);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .hasSize(4).allMatch(n -> n.endsWith(".dump") || n.endsWith(".manifest.json"));
        }
    }

    @Test
    void a_configured_directory_without_pg_dump_exits_3_and_says_so(@TempDir Path empty) {
        Run r = run("backup", "--to", dir.toString(), "--set", "backup.pg-bin-dir=" + empty);

        assertThat(r.exitCode()).isEqualTo(TradingCoreCommand.FAILED);
        assertThat(r.err()).contains("BACKUP_PG_BIN_DIR").contains("no executable pg_dump");
    }

    @Test
    void bad_usage_exits_2() {
        assertThat(run("backup").exitCode()).as("neither --to nor --verify").isEqualTo(2);
        assertThat(run("backup", "--to", dir.toString(), "--keep", "0").exitCode()).isEqualTo(2);
        assertThat(run("restore", "--from", "x.dump", "--into", "Robert'); DROP TABLE trades;--").exitCode())
                .isEqualTo(2);
    }
}
