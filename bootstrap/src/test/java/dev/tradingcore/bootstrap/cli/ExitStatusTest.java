package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Exit statuses as the README promises: 2 for every usage or configuration error, printed as one line and where to
 * read more (never the whole help), 3 for failures. None of these cases reaches a database: a usage error is
 * found before anything starts.
 */
class ExitStatusTest {

    @TempDir
    Path dir;

    /** Where nothing listens: a command that got as far as connecting would fail there with 3, not 2. */
    private String nowhere;

    @BeforeEach
    void closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = "postgresql://app@127.0.0.1:" + socket.getLocalPort() + "/trading";
        }
    }

    record Run(int exitCode, String out, String err) {

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    private Run run(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        // Whatever a command would start stays in this test's folder, never in ~/.trading-core.
        all.addAll(List.of("--set", "embedded.data-directory=" + dir.resolve("pgdata")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TradingCoreCommand.newCommandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cli.execute(all.toArray(String[]::new)));
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertUsageError(Run run, String command, String... saying) {
        assertThat(run.exitCode()).as("exit status of %s", run).isEqualTo(TradingCoreCommand.BAD_CONFIGURATION);
        assertThat(run.errLines()).as("one line, then where to read more: %s", run.err()).hasSize(2);
        assertThat(run.errLines().get(0)).startsWith(command + ": ").contains(saying);
        assertThat(run.errLines().get(1)).isEqualTo("see '" + command + " --help'");
        assertThat(run.out()).as("no help text on standard output").isEmpty();
    }

    @Test
    void a_symbol_in_lower_case_is_a_usage_error() {
        Run run = run("run", "--symbols", "AAPL,aapl", "--set", "database.url=" + nowhere);

        assertUsageError(run, "trading-core run", "--symbols", "'aapl'");
    }

    @Test
    void a_broker_url_that_is_not_a_url_is_a_usage_error() {
        Run run = run("run", "--broker", "paper", "--broker-url", "notaurl", "--set", "database.url=" + nowhere);

        assertUsageError(run, "trading-core run", "--broker-url 'notaurl'");
        assertUsageError(run("reconcile-only", "--broker", "paper", "--broker-url", "ftp://host/x", "--set",
                "database.url=" + nowhere), "trading-core reconcile-only", "--broker-url");
    }

    @Test
    void a_port_that_is_not_a_number_is_a_configuration_error_in_either_url_form() {
        Run libpq = run("status", "--set", "database.url=postgresql://app:pw@127.0.0.1:abc/trading");
        Run jdbc = run("status", "--set", "database.url=jdbc:postgresql://127.0.0.1:abc/trading?user=app");

        assertUsageError(libpq, "trading-core status", "configuration error", "DATABASE_URL", "port");
        assertUsageError(jdbc, "trading-core status", "configuration error", "DATABASE_URL", "port");
    }

    @Test
    void an_sslmode_that_does_not_exist_is_a_configuration_error() {
        Run run = run("status", "--set", "database.url=" + nowhere + "?sslmode=bogus");

        assertUsageError(run, "trading-core status", "configuration error", "sslmode");
    }

    @Test
    void verifying_or_restoring_a_file_that_does_not_exist_is_a_usage_error() {
        Path missing = dir.resolve("no-such.dump");

        assertUsageError(run("backup", "--verify", missing.toString()), "trading-core backup",
                "--verify " + missing + ": no such file");
        assertUsageError(run("restore", "--from", missing.toString(), "--set", "database.url=" + nowhere),
                "trading-core restore", "--from " + missing + ": no such file");
    }

    @Test
    void an_unknown_option_or_command_is_one_line_with_the_nearest_one() {
        assertUsageError(run("run", "--orderz", "5"), "trading-core run", "Unknown option", "'--orderz'",
                "did you mean --orders?");
        assertUsageError(run("statsu"), "trading-core", "'statsu'", "did you mean status?");
        assertUsageError(run("run", "--orders", "many"), "trading-core run", "--orders", "'many'");
    }

    @Test
    void a_mistyped_setting_anywhere_is_a_configuration_error_naming_the_setting_meant() throws IOException {
        Path file = dir.resolve("trading-core.properties");
        Files.writeString(file, "database.urll=" + nowhere + "\n");

        assertUsageError(run("status", "--config", file.toString()), "trading-core status",
                "configuration error: unknown setting 'database.urll' in " + file, "did you mean 'database.url'?");
        assertUsageError(run("status", "--set", "database.url=" + nowhere, "--set", "database.pool-szie=5"),
                "trading-core status", "'database.pool-szie' in --set: did you mean 'database.pool-size'?");
        assertUsageError(run(Map.of("DATABASE_URL", nowhere, "DATABASE_TIMEOUT_SECOND", "1"), "status"),
                "trading-core status", "'DATABASE_TIMEOUT_SECOND' in the environment: did you mean"
                        + " 'DATABASE_TIMEOUT_SECONDS'?");
    }

    @Test
    void a_paper_exchange_that_could_never_save_its_state_refuses_to_start() {
        Run run = run("paper-exchange", "--port", "0", "--state", "/proc/nope/state.json");

        assertUsageError(run, "trading-core paper-exchange", "--state /proc/nope/state.json: cannot write in /proc/nope");
    }

    @Test
    void a_paper_exchange_port_already_taken_is_named() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            Run run = run("paper-exchange", "--port", Integer.toString(port));

            assertThat(run.exitCode()).isEqualTo(TradingCoreCommand.FAILED);
            assertThat(run.errLines()).hasSize(1);
            assertThat(run.err()).startsWith("trading-core paper-exchange failed: port " + port + " on 127.0.0.1 is"
                    + " taken (Address already in use): stop what listens there or choose another --port");
        }
    }
}
