package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.paper.PaperExchange;
import dev.tradingcore.adapters.broker.paper.PaperExchangeConfig;
import dev.tradingcore.adapters.broker.simulated.SimOrder;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code run} stopped by a failure it cannot recover from, against the paper exchange over loopback HTTP and a real
 * PostgreSQL. Each run that died left 10-50 of our orders working at the broker, filling with no core running, and
 * said nothing of them. The failure here is one no outage handling rides through: the orders table is corrupted
 * (every insert fails with {@code XX001}, "could not read block"), so the next order the strategy places kills the
 * run. With the default policy the run cancels every order of ours resting at the exchange and names each; with
 * {@code trading.resting-orders=leave} it leaves them and names each.
 *
 * <p>The exchange moves only when the test steps it, so what rests when the run fails is exactly what the exchange
 * holds open afterwards (leave) or not at all (cancel).
 */
class RunStoppedByFailureTest {

    @TempDir
    Path home;

    private String database;
    private PaperExchange exchange;

    @BeforeEach
    void start() throws Exception {
        database = TemplateDatabase.createEmpty();
        exchange = PaperExchange.start(SimulatedExchange.start(SimulationConfig.defaults(41), Clock.systemUTC()),
                PaperExchangeConfig.defaults(0).withStepInterval(Duration.ZERO), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        exchange.close();
        TemplateDatabase.drop(database);
    }

    @Test
    void a_run_stopped_by_a_failure_cancels_its_resting_orders_at_the_broker_and_says_which() throws Exception {
        Cli.Run run = runUntilTheOrdersTableBreaks();

        assertThat(run.exitCode()).as("%s", run).isEqualTo(3);
        assertThat(run.err()).as("%s", run).contains("resting orders (stopped by a failure")
                .contains("could not read block").contains("cancelled at the broker")
                .contains("trading-core run failed:");
        Set<String> cancelled = cancelledLines(run.err());
        assertThat(cancelled).as("named one by one: %s", run).isNotEmpty();
        assertThat(openAtExchange()).as("nothing of ours works at the broker after the run").isEmpty();
        for (String orderId : cancelled) {
            assertThat(exchange.exchange().orderByClientOrderId(orderId).map(o -> o.status().name()))
                    .as("order %s at the exchange", orderId).containsExactly("CANCELED");
        }
        assertThat(ids("SELECT order_id FROM orders WHERE status = 'cancelled'"))
                .as("the cancels are in the books").isEqualTo(cancelled);
        assertThat(ids("SELECT details ->> 'order_id' FROM audit_log WHERE action = 'resting_order_cancel'"))
                .as("each cancel audited").isEqualTo(cancelled);
        assertThat(ids("SELECT details ->> 'trigger' FROM audit_log WHERE action = 'resting_orders_cancelled'"))
                .as("the decision audited").containsExactly("failure");
    }

    @Test
    void with_the_leave_policy_a_run_stopped_by_a_failure_names_every_order_it_leaves_working() throws Exception {
        Cli.Run run = runUntilTheOrdersTableBreaks("--set", "trading.resting-orders=leave");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(3);
        assertThat(run.err()).as("%s", run).contains("LEFT working at the broker")
                .contains("trading.resting-orders=leave");
        Set<String> left = leftLines(run.err());
        assertThat(left).as("named one by one: %s", run).isNotEmpty();
        assertThat(left).as("exactly what works at the broker").isEqualTo(openAtExchange());
        assertThat(ids("SELECT details ->> 'trigger' FROM audit_log WHERE action = 'resting_orders_left'"))
                .as("the decision audited").containsExactly("failure");

        // The table repaired, reconcile-only reports what rests at the broker, and leaves it there.
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER test_corrupted ON orders");
        }
        Cli.Run reconcile = new Cli(List.of("--home", home.toString())).run("reconcile-only", "--broker", "paper",
                "--broker-url", exchange.uri().toString(), "--set", url(database));
        assertThat(reconcile.out()).as("%s", reconcile)
                .contains("resting at the broker: " + left.size() + " orders of ours");
        assertThat(orderIds(reconcile.out(), ": resting")).isEqualTo(left);
        assertThat(openAtExchange()).as("reconcile-only only reports them").isEqualTo(left);
    }

    @Test
    void a_normal_run_ends_with_none_of_its_orders_resting_at_the_broker_and_says_which_it_cancelled()
            throws Exception {
        // The exchange never moves: every order the run places rests until the run ends.
        Cli.Run run = new Cli(List.of("--home", home.toString())).run("run", "--broker", "paper", "--broker-url",
                exchange.uri().toString(), "--orders", "12", "--symbols", "AAPL,MSFT", "--set", url(database));

        assertThat(run.exitCode()).as("%s", run).isZero();
        Set<String> placed = ids("SELECT order_id FROM orders");
        assertThat(placed).as("%s", run).isNotEmpty();
        assertThat(run.out()).as("%s", run).contains("resting orders (stopping): " + placed.size()
                + " of ours cancelled at the broker");
        assertThat(cancelledLines(run.out())).isEqualTo(placed);
        assertThat(openAtExchange()).as("nothing of ours works at the broker after the run").isEmpty();
        assertThat(ids("SELECT DISTINCT status FROM orders")).as("no order ends the run still submitted")
                .containsExactly("cancelled");
    }

    /** Runs with the exchange stepped by hand until orders rest, then corrupts the orders table; the run's result. */
    private Cli.Run runUntilTheOrdersTableBreaks(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--broker", "paper", "--broker-url",
                exchange.uri().toString(), "--duration", "120s", "--symbols", "AAPL,MSFT", "--set", url(database)));
        args.addAll(List.of(extra));
        Cli cli = new Cli(List.of("--home", home.toString()));
        CompletableFuture<Cli.Run> running = CompletableFuture.supplyAsync(() -> cli.run(args.toArray(String[]::new)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (openAtExchange().size() < 4 && !running.isDone() && System.nanoTime() < deadline) {
            exchange.exchange().step();
            Thread.sleep(100);
        }
        assertThat(openAtExchange()).as("orders rest at the exchange while the run trades").hasSizeGreaterThanOrEqualTo(4);
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION test_corrupted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION"
                    + " 'could not read block 7 in file \"base/16384/16390\": read only 0 of 8192 bytes'"
                    + " USING ERRCODE = 'XX001'; END $$");
            st.execute("CREATE TRIGGER test_corrupted BEFORE INSERT ON orders FOR EACH ROW"
                    + " EXECUTE FUNCTION test_corrupted()");
        }
        return running.get(90, TimeUnit.SECONDS);
    }

    private Set<String> openAtExchange() {
        Set<String> open = new TreeSet<>();
        for (SimOrder order : exchange.exchange().openOrders()) {
            open.add(order.clientOrderId());
        }
        return open;
    }

    private static Set<String> cancelledLines(String text) {
        return orderIds(text, ": cancelled");
    }

    private static Set<String> leftLines(String text) {
        return orderIds(text, ": left working");
    }

    /** The order ids of the report's lines "  order <id> (broker ...): ... filled: <outcome>". */
    private static Set<String> orderIds(String text, String outcome) {
        Set<String> ids = new TreeSet<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("  order ") && line.contains(outcome)) {
                ids.add(line.substring("  order ".length(), line.indexOf(' ', "  order ".length())));
            }
        }
        return ids;
    }

    private Set<String> ids(String sql) throws Exception {
        Set<String> ids = new TreeSet<>();
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static String url(String database) {
        var url = PostgresServer.get().urlOf(database);
        String jdbc = url.jdbcUrl();
        return "database.url=" + jdbc + (jdbc.contains("?") ? "&" : "?") + "user=" + url.user().orElse("postgres")
                + url.password().map(p -> "&password=" + p).orElse("");
    }
}
