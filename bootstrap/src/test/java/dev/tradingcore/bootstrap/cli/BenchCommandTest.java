package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * CI's smoke run of the bench: {@code bench --quick} (with 100 ms steps and 5,000 trades) through the command line
 * against the test server, every scenario, checking that the table and the reports are produced and the bench database is gone. No figure is
 * asserted: speed is measured by the full run, on a quiet machine (docs/benchmarks.md).
 */
class BenchCommandTest {

    @TempDir
    Path out;

    @Test
    void quick_bench_prints_one_table_writes_json_and_markdown_and_drops_its_database() throws Exception {
        DatabaseUrl admin = PostgresServer.get().adminUrl();
        String url = admin.jdbcUrl() + (admin.jdbcUrl().contains("?") ? "&" : "?") + "user="
                + admin.user().orElse("postgres") + admin.password().map(p -> "&password=" + p).orElse("");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cli = TradingCoreCommand.newCommandLine();
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));

        // Shorter steps and a smaller data set than --quick's own (400 ms, 20,000 trades): nothing is measured here,
        // every scenario and step still runs and reports.
        int code = cli.execute("bench", "--quick", "--duration-per-step", "100ms", "--trades", "5000", "--out",
                out.toString(), "--set", "database.url=" + url);

        assertThat(code).as(stderr.toString()).isZero();
        String table = stdout.toString();
        assertThat(table).contains("scenario", "project p50 p95 p99 p99.9", "baseline p50 p95 p99 p99.9")
                .contains("floor: durable commits", "1 writer", "8 writers")
                .contains("3 bulk ingest", "4 hot reads", "audit events of an order", "5 audit logger");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.endsWith("-quick.json"))
                    .anyMatch(name -> name.endsWith("-quick.md"));
        }
        try (var files = Files.list(out)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                assertThat(text).contains("fill").contains("bulk ingest").contains("hot reads");
            }
        }
        Matcher database = Pattern.compile("on database (trading_core_bench_\\w+)").matcher(stderr.toString());
        assertThat(database.find()).as(stderr.toString()).isTrue();
        try (Connection c = PostgresServer.get().connectAdmin();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database.group(1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("the bench database is dropped at the end").isZero();
            }
        }
    }
}
