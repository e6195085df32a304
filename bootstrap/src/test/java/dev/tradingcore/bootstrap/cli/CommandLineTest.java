package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as an operator uses it, against a real database. */
class CommandLineTest {

    /** An empty database per test: migration is what these tests watch. */
    private String database;

    @BeforeEach
    void emptyDatabase() {
        database = TemplateDatabase.createEmpty();
    }

    @AfterEach
    void dropDatabase() {
        TemplateDatabase.drop(database);
    }

    record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TradingCoreCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }


    private String urlWithCredentials() {
        DatabaseUrl url = PostgresServer.get().urlOf(database);
        String jdbc = url.jdbcUrl();
        return jdbc + (jdbc.contains("?") ? "&" : "?") + "user=" + url.user().orElse("postgres")
                + "&password=s3cret-never-printed";
    }

    @Test
    void migrate_brings_an_empty_database_to_the_shipped_schema_and_prints_its_status() throws Exception {
        Run first = run("migrate", "--set", "database.url=" + urlWithCredentials());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("migrated .*: [1-9][0-9]* script\\(s\\) applied, schema version none -> ");
        assertThat(first.out()).contains("(0 pending)").contains("trades_").contains("audit_log_")
                .contains("pool execution");
        assertThat(first.out() + first.err()).doesNotContain("s3cret-never-printed");
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM system_state")) {
            rs.next();
            assertThat(rs.getInt(1)).as("seed rows of system_state").isGreaterThanOrEqualTo(3);
        }

        Run again = run("migrate", "--set", "database.url=" + urlWithCredentials());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains(": 0 script(s) applied");

        Run status = run("status", "--set", "database.url=" + urlWithCredentials());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("schema version").contains("(0 pending)").contains("tables")
                .contains("positions").doesNotContain("s3cret-never-printed");
    }

    @Test
    void maintain_partitions_creates_the_partitions_of_a_simulated_future_date() throws Exception {
        assertThat(run("migrate", "--set", "database.url=" + urlWithCredentials()).exitCode()).isZero();

        Run run = run("maintain-partitions", "--as-of", "2031-05-10T12:00:00Z", "--set",
                "database.url=" + urlWithCredentials());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("created").contains("trades_2031_q2").contains("audit_log_2031_05");
        Run again = run("maintain-partitions", "--as-of", "2031-05-10T12:00:00Z", "--set",
                "database.url=" + urlWithCredentials());
        assertThat(again.out()).as("idempotent").contains("everything already in place");
    }

    @Test
    void a_configuration_error_exits_2_with_one_clear_line() {
        Run run = run("status", "--set", "database.pool-size=lots");

        assertThat(run.exitCode()).isEqualTo(TradingCoreCommand.BAD_CONFIGURATION);
        assertThat(run.err().strip())
                .isEqualTo("trading-core status: configuration error: DATABASE_POOL_SIZE (database.pool-size) is"
                        + " 'lots'; it must be a whole number from 1 to 500\nsee 'trading-core status --help'");
    }

    @Test
    void an_unreachable_database_exits_3_within_the_timeout_and_names_the_problem() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long started = System.nanoTime();
        Run run = run("status", "--set", "database.url=postgresql://nobody:pw@127.0.0.1:" + closedPort + "/nothing",
                "--set", "database.timeout-seconds=2");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(run.exitCode()).isEqualTo(TradingCoreCommand.FAILED);
        assertThat(run.err()).startsWith("trading-core status failed:").doesNotContain(":pw@");
        assertThat(seconds).as("bounded by the configured timeout, not hanging").isLessThan(30);
    }

    @Test
    void with_nothing_configured_it_starts_an_embedded_server_that_keeps_its_data(@TempDir Path home)
            throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of("--set", "embedded.data-directory=" + home.resolve("pgdata"),
                "--set", "embedded.port=" + port));
        List<String> migrate = new ArrayList<>(List.of("migrate"));
        migrate.addAll(args);
        Run first = run(migrate.toArray(String[]::new));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("embedded PostgreSQL in " + home.resolve("pgdata"))
                .containsPattern("[1-9][0-9]* script\\(s\\) applied");

        List<String> status = new ArrayList<>(List.of("status"));
        status.addAll(args);
        Run second = run(status.toArray(String[]::new));
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).as("the schema survived the restart").contains("(0 pending)")
                .doesNotContain("schema version  none");
    }
}
