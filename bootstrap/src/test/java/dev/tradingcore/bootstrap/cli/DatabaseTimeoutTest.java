package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.config.SettingsLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code DATABASE_TIMEOUT_SECONDS=1} bounds every wait of a command that cannot reach its database: a closed port, a
 * black hole (a port that takes the connection and never answers), a database that does not exist. Each fails with
 * one line saying what failed, where and what to do. The time is a bound, not the subject: the outcome and the
 * message are; classes are loaded by a first run so that what is timed is the waiting.
 */
class DatabaseTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The issue's promise: within the timeout and a second. */
    private static final Duration BOUND = TIMEOUT.plusSeconds(1);

    /** Listens and never accepts: the kernel completes the handshake, then nothing ever answers. */
    private static ServerSocket blackHole;
    private static int closedPort;

    @TempDir
    static Path dir;

    @BeforeAll
    static void ports() throws IOException {
        blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        for (String command : List.of("status", "migrate", "run")) {
            run(command, "postgresql://app@127.0.0.1:" + closedPort + "/warm_up"); // loads each command's classes
        }
    }

    @AfterAll
    static void close() throws IOException {
        blackHole.close();
    }

    record Run(int exitCode, String out, String err, Duration took) {}

    private static Run run(String command, String url, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--set", "database.url=" + url, "--set",
                "database.timeout-seconds=" + TIMEOUT.toSeconds(), "--set",
                "embedded.data-directory=" + dir.resolve("pgdata")));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TradingCoreCommand.newCommandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        long started = System.nanoTime();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cli.execute(args.toArray(String[]::new)));
        return new Run(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static void assertOneLineFailure(Run run, String command, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(TradingCoreCommand.FAILED);
        assertThat(run.err().lines().toList()).as("one line, no dump").containsExactly(
                "trading-core " + command + " failed: " + line);
        assertThat(run.took()).as("within the timeout and a second").isLessThan(BOUND);
    }

    @Test
    void a_closed_port_fails_at_once_saying_nothing_listens_there() {
        Run run = run("status", "postgresql://app@127.0.0.1:" + closedPort + "/trading");

        assertOneLineFailure(run, "status", "cannot connect to PostgreSQL at 127.0.0.1:" + closedPort + "/trading:"
                + " connection refused, nothing listens there; check the host and port in DATABASE_URL and that the"
                + " server is running");
    }

    @Test
    void a_black_hole_fails_after_the_timeout_saying_nothing_answered() {
        String where = "127.0.0.1:" + blackHole.getLocalPort() + "/trading";

        for (String command : List.of("status", "migrate", "run")) {
            Run run = run(command, "postgresql://app@" + where);

            assertOneLineFailure(run, command, "no answer from PostgreSQL at " + where + " within 1 s"
                    + " (DATABASE_TIMEOUT_SECONDS): check the host and port in DATABASE_URL (is it a PostgreSQL"
                    + " server?) and any firewall between, or allow more time with DATABASE_TIMEOUT_SECONDS");
            assertThat(run.took()).as("it did wait for an answer").isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void a_missing_database_fails_saying_how_to_create_it() {
        String hosts = PostgresServer.get().adminUrl().hosts();
        String host = hosts.substring(0, hosts.lastIndexOf(':'));
        String port = hosts.substring(hosts.lastIndexOf(':') + 1);
        String url = PostgresServer.get().urlOf("no_such_trading_db").jdbcUrl() + "?user="
                + PostgresServer.get().adminUrl().user().orElse("postgres");

        Run run = run("status", url);

        assertOneLineFailure(run, "status", "the database no_such_trading_db does not exist on PostgreSQL at "
                + hosts + "; create it as a user allowed to (e.g. psql -h " + host + " -p " + port + " -U postgres"
                + " -c 'CREATE DATABASE no_such_trading_db'), then run 'trading-core migrate'");
    }

    @Test
    void an_sslmode_that_does_not_exist_is_refused_before_any_wait() {
        Run run = run("status", "postgresql://app@127.0.0.1:" + blackHole.getLocalPort() + "/trading?sslmode=bogus");

        assertThat(run.exitCode()).isEqualTo(TradingCoreCommand.BAD_CONFIGURATION);
        assertThat(run.err()).startsWith("trading-core status: configuration error: DATABASE_URL (database.url) is"
                + " not usable: the database URL's sslmode must be one of disable, allow, prefer, require, verify-ca,"
                + " verify-full");
        assertThat(run.took()).isLessThan(BOUND);
    }

    @Test
    void the_embedding_api_fails_as_fast_and_as_clearly() {
        Settings settings = SettingsLoader.of(Optional.empty(), Map.of("database.url", "postgresql://app@127.0.0.1:"
                + blackHole.getLocalPort() + "/trading", "database.timeout-seconds", "1"), Map.of()).load();
        long started = System.nanoTime();

        assertThatThrownBy(() -> TradingCore.builder().settings(settings)
                .broker(SimulatedBroker.create(SimulationConfig.defaults(1), Clock.systemUTC())).start())
                .isInstanceOf(TradingCore.CoreStartFailed.class)
                .hasMessageStartingWith("trading-core could not start: no answer from PostgreSQL at 127.0.0.1:"
                        + blackHole.getLocalPort() + "/trading within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
    }
}
