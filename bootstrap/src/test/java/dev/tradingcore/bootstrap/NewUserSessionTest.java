package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.broker.alpaca.AlpacaBroker;
import dev.tradingcore.adapters.broker.alpaca.AlpacaSettings;
import dev.tradingcore.adapters.broker.paper.PaperExchangeConfig;
import dev.tradingcore.adapters.postgres.embedded.EmbeddedPostgresServer;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.bootstrap.cli.Main;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first hour, scripted as the issue that found the traps walked it: a fresh home (the home option),
 * nothing configured; {@code run}; the README's embedding example; {@code paper-exchange} and {@code run --broker
 * paper}; {@code run} with {@code DATABASE_URL} set to a new database; {@code reconcile-only}; {@code backup};
 * {@code restore} and the reconciliation its hint asks for. Every alert of every severity goes to a pager: the session
 * raises only those the situation justifies (here: none), and ends with every position equal to its broker's.
 *
 * <p>The commands run through the command line's entry point in this JVM, the paper exchange as a process of its own
 * (as a user starts it). The embedded database lives in the home.
 */
class NewUserSessionTest {

    @TempDir
    Path home;

    private final List<String> databases = new ArrayList<>();
    private final Map<String, String> savedProperties = new HashMap<>();
    private Pager pager;
    private Process paperExchange;
    private int embeddedPort;

    @BeforeEach
    void start() throws IOException {
        pager = new Pager();
        embeddedPort = freePort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        savedProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        stopPaperExchange();
        pager.close();
        databases.forEach(TemplateDatabase::drop);
    }

    /** Commands as the user types them, in this test's home (and the embedded server on a port of its own). */
    private Cli user() {
        List<String> always = new ArrayList<>(List.of("--home", home.toString(), "--set",
                "embedded.port=" + embeddedPort));
        always.addAll(pager.settings());
        return new Cli(always);
    }

    @Test
    void a_first_hour_pages_nobody_and_ends_with_every_position_equal_to_its_brokers() throws Exception {
        Cli cli = user();

        // 1. The main job, nothing configured: the embedded database and the in-process simulation, both in the home.
        Cli.Run first = cli.run("run", "--orders", "30");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String embeddedLedger = ledgerOf(first);
        Path embeddedSimulation = home.resolve("simulations").resolve(embeddedLedger + ".json");
        assertThat(first.out()).containsOnlyOnce("database embedded PostgreSQL in " + home.resolve("pgdata"))
                .containsOnlyOnce("state in " + embeddedSimulation);
        assertThat(pager.take()).as("pages after run").isEmpty();

        // 2. The README's embedding example, on the same home: it does not start, and nothing is lost or wiped.
        String simulationBefore = Files.readString(embeddedSimulation);
        setProperty("trading-core.home", home.toString());
        setProperty("embedded.port", Integer.toString(embeddedPort));
        setProperty("alerts.webhook-url", pager.url());
        setProperty("alerts.webhook-min-severity", "INFO");
        assertThatThrownBy(ReadmeExampleTest::runExample).isInstanceOf(TradingCore.LedgerBoundElsewhere.class)
                .hasMessageContaining("TRADING_CORE_HOME");
        assertThat(Files.readString(embeddedSimulation)).isEqualTo(simulationBefore);
        assertThat(pager.take()).as("pages after the example").isEmpty();

        // 3. The paper exchange, and run against it: refused on the database that follows the simulation, then on a
        //    database of its own, as the refusal suggests.
        Path paperState = home.resolve("paper.json");
        URI paper = startPaperExchange(paperState, 20);
        Cli.Run refused = cli.run("run", "--broker", "paper", "--broker-url", paper.toString(), "--orders", "20");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("another DATABASE_URL").contains("--adopt-broker");
        String paperDatabase = newDatabase();
        Cli.Run onPaper = cli.run("run", "--broker", "paper", "--broker-url", paper.toString(), "--orders", "20",
                "--set", url(paperDatabase));
        assertThat(onPaper.exitCode()).as(onPaper.toString()).isZero();
        assertThat(onPaper.out()).contains("recovery: clean, 0 positions loaded")
                .containsOnlyOnce("broker REST broker at " + paper);
        assertThat(pager.take()).as("pages after the paper exchange").isEmpty();

        // 4. run with DATABASE_URL set to a new database: a simulation of its own, nothing loaded.
        String newDatabase = newDatabase();
        Cli.Run second = cli.run("run", "--orders", "20", "--set", url(newDatabase));
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("recovery: clean, 0 positions loaded");
        String newLedger = ledgerOf(second);
        assertThat(newLedger).isNotEqualTo(embeddedLedger);
        assertThat(pager.take()).as("pages after run on a new database").isEmpty();

        // 5. reconcile-only, against each: nothing to correct where nothing moved since; the paper exchange kept
        //    matching the orders left open, and recovery books those fills (exit 1), which pages nobody.
        Cli.Run reconciled = cli.run("reconcile-only");
        assertThat(reconciled.exitCode()).as(reconciled.toString()).isZero();
        Cli.Run reconciledPaper = cli.run("reconcile-only", "--broker", "paper", "--broker-url", paper.toString(),
                "--set", url(paperDatabase));
        assertThat(reconciledPaper.exitCode()).as(reconciledPaper.toString()).isBetween(0, 1);
        assertThat(pager.take()).as("pages after reconcile-only").isEmpty();

        // 6. backup of the new database, 7. restore it, then the reconciliation its hint asks for.
        Path backups = home.resolve("backups");
        Cli.Run backup = cli.run("backup", "--to", backups.toString(), "--set", url(newDatabase));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path dump;
        try (var files = Files.list(backups)) {
            dump = files.filter(f -> f.toString().endsWith(".dump")).findFirst().orElseThrow();
        }
        Cli.Run restore = cli.run("restore", "--from", dump.toString(), "--set", url(newDatabase));
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        Matcher hint = Pattern.compile("(jdbc:postgresql://[^'\\s]+)[^\\n]*trading-core reconcile-only")
                .matcher(restore.out());
        assertThat(hint.find()).as("the hint names the restored database: " + restore.out()).isTrue();
        String restored = hint.group(1).replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
        databases.add(restored);
        Cli.Run afterRestore = cli.run("reconcile-only", "--set", "database.url=" + hint.group(1)
                + PostgresServer.get().urlOf(restored).password().map(p -> "&password=" + p).orElse(""));
        assertThat(afterRestore.exitCode()).as("the restored ledger follows the same simulation: " + afterRestore)
                .isZero();
        assertThat(ledgerOf(afterRestore)).isEqualTo(newLedger);
        assertThat(pager.take()).as("pages after backup and restore").isEmpty();

        // Every position equal to its broker's: the broker's own books, read independently of the core.
        assertThat(embeddedPositions()).isEqualTo(LedgerRows.simulationPositions(embeddedSimulation));
        Path newSimulation = home.resolve("simulations").resolve(newLedger + ".json");
        assertThat(positionsOf(newDatabase)).isEqualTo(LedgerRows.simulationPositions(newSimulation));
        assertThat(positionsOf(restored)).isEqualTo(LedgerRows.simulationPositions(newSimulation));
        // The paper exchange keeps matching: stop it (it saves its state), start it again with a still market, and
        // reconcile once more, so that its books and the ledger are compared at rest.
        stopPaperExchange();
        URI still = startPaperExchange(paperState, 0);
        Cli.Run atRest = cli.run("reconcile-only", "--broker", "paper", "--broker-url", still.toString(), "--set",
                url(paperDatabase));
        assertThat(atRest.exitCode()).as("the same account after its restart: " + atRest).isBetween(0, 1);
        assertThat(positionsOf(paperDatabase)).isEqualTo(LedgerRows.brokerPositions(new AlpacaBroker(
                AlpacaSettings.of(still, PaperExchangeConfig.DEFAULT_KEY_ID, PaperExchangeConfig.DEFAULT_SECRET))
                .positions().get()));
        assertThat(pager.take()).as("pages at the end").isEmpty();
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static String ledgerOf(Cli.Run run) {
        Matcher ledger = Pattern.compile("ledger ([0-9a-f-]{36}): ").matcher(run.out());
        assertThat(ledger.find()).as("names its ledger: " + run.out()).isTrue();
        return ledger.group(1);
    }

    private void setProperty(String key, String value) {
        savedProperties.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private String newDatabase() {
        String name = TemplateDatabase.createEmpty();
        databases.add(name);
        return name;
    }

    private static String url(String database) {
        var url = PostgresServer.get().urlOf(database);
        String jdbc = url.jdbcUrl();
        return "database.url=" + jdbc + (jdbc.contains("?") ? "&" : "?") + "user=" + url.user().orElse("postgres")
                + url.password().map(p -> "&password=" + p).orElse("");
    }

    private static Map<String, BigDecimal> positionsOf(String database) throws Exception {
        return LedgerRows.of(PostgresServer.get().connect(database), LedgerRows::positions);
    }

    /** The embedded database's positions, read with the server started as the core starts it. */
    private Map<String, BigDecimal> embeddedPositions() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(home.resolve("pgdata"),
                embeddedPort)) {
            return LedgerRows.of(DriverManager.getConnection(server.jdbcUrl("trading_core"), server.superuser(),
                    null), LedgerRows::positions);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code trading-core paper-exchange --port 0 --state FILE}, a process of its own; its URL from what it prints. */
    private URI startPaperExchange(Path state, int stepMillis) throws Exception {
        Path out = home.resolve("paper-exchange-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "paper-exchange", "--port", "0", "--state", state.toString(), "--step-millis",
                Integer.toString(stepMillis)).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("HOME", home.toString());
        paperExchange = builder.start();
        Pattern listening = Pattern.compile("paper exchange listening on (http://\\S+) ");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && paperExchange.isAlive()) {
            Matcher found = listening.matcher(Files.readString(out));
            if (found.find()) {
                return URI.create(found.group(1));
            }
            paperExchange.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("the paper exchange did not start: " + Files.readString(out));
    }

    /** SIGTERM: it saves its state and stops. */
    private void stopPaperExchange() throws InterruptedException {
        if (paperExchange != null) {
            paperExchange.destroy();
            if (!paperExchange.waitFor(30, TimeUnit.SECONDS)) {
                paperExchange.destroyForcibly();
            }
            paperExchange = null;
        }
    }
}
