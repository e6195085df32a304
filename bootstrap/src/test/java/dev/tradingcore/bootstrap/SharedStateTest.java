package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.paper.PaperExchange;
import dev.tradingcore.adapters.broker.paper.PaperExchangeConfig;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden shared state, as a new user met it: {@code run}, a {@code run} with {@code DATABASE_URL} set to a new
 * database, and the paper exchange all used one simulation state in one folder. A run against a new database loaded
 * five positions it never traded, with 279 HIGH alerts; the paper exchange, started after {@code run}, zeroed the
 * positions. A simulation now belongs to the ledger it trades against, and a ledger to the broker account its
 * positions came from. (The README's embedding example after {@code run}: {@link ReadmeExampleTest}.)
 */
class SharedStateTest {

    @TempDir
    Path home;

    private final List<String> databases = new ArrayList<>();
    private Pager pager;
    private Cli cli;

    @BeforeEach
    void start() {
        pager = new Pager();
        List<String> always = new ArrayList<>(List.of("--set", "trading-core.home=" + home,
                // Where the simulation state was kept before it was kept per ledger: in this test's folder too.
                "--set", "embedded.data-directory=" + home.resolve("pgdata")));
        always.addAll(pager.settings());
        cli = new Cli(always);
    }

    @AfterEach
    void stop() {
        pager.close();
        databases.forEach(TemplateDatabase::drop);
    }

    /** A new database, migrated (a clone of the migrated template: no core has started on it, it is a new ledger). */
    private String newDatabase() {
        String name = TemplateDatabase.createFresh();
        databases.add(name);
        return name;
    }

    private static String url(String database) {
        return "database.url=" + PostgresServer.get().urlOf(database).jdbcUrl() + userOf(database);
    }

    private static String userOf(String database) {
        var url = PostgresServer.get().urlOf(database);
        String jdbc = url.jdbcUrl();
        return (jdbc.contains("?") ? "&" : "?") + "user=" + url.user().orElse("postgres")
                + url.password().map(p -> "&password=" + p).orElse("");
    }

    private static <T> T rows(String database, LedgerRows.Reading<T> reading) {
        try {
            return LedgerRows.of(PostgresServer.get().connect(database), reading);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_run_on_a_new_database_starts_from_nothing_and_pages_nobody() {
        String first = newDatabase();
        String second = newDatabase();
        Cli.Run traded = cli.run("run", "--orders", "40", "--set", url(first));
        assertThat(traded.exitCode()).as(traded.toString()).isZero();
        Map<String, BigDecimal> held = rows(first, LedgerRows::positions);
        assertThat(held).as("the first session holds something").isNotEmpty();
        assertThat(pager.take()).as("a first run pages nobody").isEmpty();

        Cli.Run fresh = cli.run("run", "--orders", "10", "--set", url(second));

        assertThat(fresh.exitCode()).as(fresh.toString()).isZero();
        assertThat(fresh.out()).contains("recovery: clean, 0 positions loaded");
        assertThat(pager.take()).as("nothing differed, nobody to page").isEmpty();
        String firstLedger = rows(first, LedgerRows::ledgerId);
        String secondLedger = rows(second, LedgerRows::ledgerId);
        assertThat(secondLedger).isNotEqualTo(firstLedger);
        assertThat(fresh.out()).as("says which database and which broker state, once")
                .containsOnlyOnce("trading-core run: database ")
                .containsOnlyOnce("state in " + home.resolve("simulations").resolve(secondLedger + ".json"));
        assertThat(rows(second, LedgerRows::positions)).as("only what the second database traded")
                .isEqualTo(LedgerRows.simulationPositions(home.resolve("simulations").resolve(secondLedger + ".json")));
        assertThat(rows(first, LedgerRows::positions)).as("the first database untouched").isEqualTo(held);
        assertThat(LedgerRows.simulationPositions(home.resolve("simulations").resolve(firstLedger + ".json")))
                .as("the first database's simulation untouched").isEqualTo(held);
    }

    @Test
    void the_paper_exchange_started_after_run_is_refused_on_that_database_and_nothing_changes() throws Exception {
        String database = newDatabase();
        // Orders left working at the old account: a run told to leave them (by default it cancels them).
        Cli.Run traded = cli.run("run", "--orders", "40", "--set", url(database), "--set",
                "trading.resting-orders=leave");
        assertThat(traded.exitCode()).as(traded.toString()).isZero();
        Map<String, BigDecimal> held = rows(database, LedgerRows::positions);
        Map<String, Integer> orders = rows(database, LedgerRows::ordersByStatus);
        long audit = SharedStateTest.<Long>rows(database, r -> r.count("audit_log"));
        pager.take();

        // A paper exchange of the same seed: another account, whatever ids it hands out.
        try (PaperExchange paper = PaperExchange.start(SimulatedExchange.start(SimulationConfig.defaults(42),
                Clock.systemUTC()), PaperExchangeConfig.defaults(0).withStepInterval(Duration.ofMillis(50)),
                Clock.systemUTC())) {
            Cli.Run refused = cli.run("run", "--broker", "paper", "--broker-url", paper.uri().toString(), "--orders",
                    "20", "--set", url(database));

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).contains("refused").contains("follows broker account")
                    .contains("REST broker at " + paper.uri()).contains("--adopt-broker").contains("Nothing was changed");
            assertThat(paper.exchange().openOrders().size() + paper.exchange().fills().size())
                    .as("nothing sent to the paper exchange").isZero();
        }
        assertThat(rows(database, LedgerRows::positions)).isEqualTo(held);
        assertThat(rows(database, LedgerRows::ordersByStatus)).isEqualTo(orders);
        assertThat(SharedStateTest.<Long>rows(database, r -> r.count("audit_log"))).isEqualTo(audit);
        assertThat(pager.take()).isEmpty();

        Cli.Run again = cli.run("reconcile-only", "--set", url(database));
        assertThat(again.exitCode()).as("the simulation the positions came from still agrees: " + again).isZero();
        assertThat(Files.exists(home.resolve("simulation.json"))).as("no shared state file").isFalse();
    }

    /**
     * Moving a database to another broker on purpose: loud (one alert for the move, one for the positions it set),
     * audited step by step, and the orders of the old account closed once, not escalated at every start.
     */
    @Test
    void adopting_the_paper_exchange_closes_the_old_accounts_orders_and_sets_the_positions_loudly() throws Exception {
        String database = newDatabase();
        // Orders left working at the old account: a run told to leave them (by default it cancels them).
        Cli.Run traded = cli.run("run", "--orders", "40", "--set", url(database), "--set",
                "trading.resting-orders=leave");
        assertThat(traded.exitCode()).as(traded.toString()).isZero();
        Map<String, BigDecimal> held = rows(database, LedgerRows::positions);
        int open = rows(database, LedgerRows::ordersByStatus).entrySet().stream()
                .filter(e -> List.of("pending", "submitted", "partial_fill", "unknown").contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
        assertThat(open).as("run leaves orders working at the simulation").isPositive();
        pager.take();

        try (PaperExchange paper = PaperExchange.start(SimulatedExchange.start(SimulationConfig.defaults(7),
                Clock.systemUTC()), PaperExchangeConfig.defaults(0).withStepInterval(Duration.ZERO),
                Clock.systemUTC())) {
            Cli.Run adopted = cli.run("reconcile-only", "--broker", "paper", "--broker-url", paper.uri().toString(),
                    "--adopt-broker", "--set", url(database));

            assertThat(adopted.exitCode()).as(adopted.toString()).isEqualTo(1);
            assertThat(adopted.out()).contains("moved from account").contains("as asked");
            assertThat(rows(database, LedgerRows::positions)).as("the paper account holds nothing").isEmpty();
            assertThat(SharedStateTest.<Long>rows(database, r -> r.auditLines("order_abandoned"))).isEqualTo(open);
            assertThat(SharedStateTest.<Long>rows(database, r -> r.auditLines("broker_adopted"))).isOne();
            assertThat(SharedStateTest.<Long>rows(database, r -> r.auditLines("position_corrected")))
                    .isEqualTo(held.size());
            assertThat(pager.take()).extracting(Pager.Page::title).containsExactlyInAnyOrder(
                    "Ledger moved to another broker account", "Positions differed from the broker");

            Cli.Run settled = cli.run("reconcile-only", "--broker", "paper", "--broker-url", paper.uri().toString(),
                    "--set", url(database));
            assertThat(settled.exitCode()).as("the database now follows the paper account: " + settled).isZero();
            assertThat(pager.take()).isEmpty();
        }
    }
}
