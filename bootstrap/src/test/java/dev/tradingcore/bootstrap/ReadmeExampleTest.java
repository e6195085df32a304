package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example compiles (it is the body of {@link #example()}) and runs. */
class ReadmeExampleTest {

    /** The README's example, for other tests of the README's commands. */
    static void runExample() {
        example();
    }

    /** The README's example, verbatim between the markers. */
    private static Position example() {
        Position held;
        // README:begin
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(7), Clock.systemUTC());
        try (TradingCore core = TradingCore.builder().broker(broker).start()) {
            SubmitResult result = core.submit(
                    OrderTicket.market(Symbol.of("AAPL"), Side.BUY, Quantity.of(10), Price.of("190.00")));
            broker.step();          // the simulated market moves and fills the order
            core.syncWithBroker();  // the fill is recorded exactly once: trade, position, order, audit line
            Position aapl = core.position(Symbol.of("AAPL")).get();  // from memory, never the database
            System.out.println(result + " -> " + aapl.quantity() + " AAPL");
            // README:end
            held = aapl;
        }
        return held;
    }

    @Test
    void the_readme_shows_exactly_this_example() throws IOException {
        String readme = Files.readString(locate("README.md"));
        Matcher block = Pattern.compile("## Embedding trading-core.*?```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README has the embedding example").isTrue();
        String source = Files.readString(locate("bootstrap/src/test/java/dev/tradingcore/bootstrap/ReadmeExampleTest.java"));
        String between = source.substring(source.indexOf("// README:begin") + "// README:begin".length(),
                source.indexOf("// README:end"));
        String expected = between.lines().map(String::strip).filter(l -> !l.isEmpty()).toList().toString();
        String shown = block.group(1).lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.equals("}")).toList().toString();
        assertThat(shown).isEqualTo(expected);
    }

    @Test
    void the_example_runs_and_buys_ten_apple() {
        String database = TemplateDatabase.createEmpty();
        String previous = System.getProperty("database.url");
        try {
            // The example reads its configuration like an embedding application: here from a system property.
            DatabaseUrl url = PostgresServer.get().urlOf(database);
            String jdbc = url.jdbcUrl();
            System.setProperty("database.url", jdbc + (jdbc.contains("?") ? "&" : "?") + "user="
                    + url.user().orElse("postgres") + url.password().map(p -> "&password=" + p).orElse(""));
            assertThat(example().quantity()).isEqualByComparingTo("10");
        } finally {
            if (previous == null) {
                System.clearProperty("database.url");
            } else {
                System.setProperty("database.url", previous);
            }
            TemplateDatabase.drop(database);
        }
    }

    /**
     * The README's order: {@code run}, then the embedding example on the same home and database. The example's broker
     * is a new in-memory simulation, another account than the one the database's positions came from: it used to
     * set all of them to zero and send the open orders to "unknown". Now it does not start, and says why and what to
     * do; the database and the run's simulation are as they were, and the next {@code reconcile-only} finds nothing
     * to correct.
     */
    @Test
    void after_run_on_the_same_home_the_example_refuses_to_start_and_nothing_is_lost_or_wiped(@TempDir Path home)
            throws Exception {
        String database = TemplateDatabase.createEmpty();
        DatabaseUrl url = PostgresServer.get().urlOf(database);
        String jdbc = url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?") + "user="
                + url.user().orElse("postgres") + url.password().map(p -> "&password=" + p).orElse("");
        Cli cli = new Cli(List.of("--set", "database.url=" + jdbc, "--set", "trading-core.home=" + home, "--set",
                "embedded.data-directory=" + home.resolve("pgdata")));
        java.util.Map<String, String> previous = new java.util.HashMap<>();
        for (String key : List.of("database.url", "trading-core.home", "embedded.data-directory")) {
            previous.put(key, System.getProperty(key));
        }
        try {
            Cli.Run run = cli.run("run", "--orders", "40");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            Ledger before = Ledger.of(database, home);
            assertThat(before.positions()).isNotEmpty();

            System.setProperty("database.url", jdbc);
            System.setProperty("trading-core.home", home.toString());
            System.setProperty("embedded.data-directory", home.resolve("pgdata").toString());
            assertThatThrownBy(ReadmeExampleTest::example).isInstanceOf(TradingCore.CoreStartFailed.class)
                    .hasMessageContaining("follows broker account").hasMessageContaining("Nothing was changed")
                    .hasMessageContaining("adoptBroker(true)").hasMessageContaining("TRADING_CORE_HOME");

            assertThat(Ledger.of(database, home)).as("nothing lost or wiped").isEqualTo(before);
            Cli.Run reconcile = cli.run("reconcile-only");
            assertThat(reconcile.exitCode()).as(reconcile.toString()).isZero();
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
            TemplateDatabase.drop(database);
        }
    }

    /** Positions, orders and audit lines of a database, and the positions of its simulations. */
    private record Ledger(java.util.Map<String, java.math.BigDecimal> positions,
            java.util.Map<String, Integer> orders, long auditLines, java.util.Map<String, String> simulations) {

        static Ledger of(String database, Path home) throws Exception {
            java.util.Map<String, String> simulations = new java.util.TreeMap<>();
            Path folder = home.resolve("simulations");
            if (Files.isDirectory(folder)) {
                try (var files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        simulations.put(file.getFileName().toString(), Files.readString(file));
                    }
                }
            }
            return LedgerRows.of(PostgresServer.get().connect(database), rows -> new Ledger(rows.positions(),
                    rows.ordersByStatus(), rows.count("audit_log"), simulations));
        }
    }

    /** A file of the repository, whether the tests run from the root or from the module. */
    private static Path locate(String relative) {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + here);
    }
}
