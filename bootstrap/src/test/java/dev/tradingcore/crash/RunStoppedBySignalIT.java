package dev.tradingcore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.paper.PaperExchange;
import dev.tradingcore.adapters.broker.paper.PaperExchangeConfig;
import dev.tradingcore.adapters.broker.simulated.SimOrder;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as a user runs it (its own JVM, from trading-core.jar) stopped with SIGTERM, as Ctrl-C or a service
 * manager stops it, while its orders rest at the paper exchange: it stops trading, cancels them (the default policy)
 * and names each before the JVM goes, instead of leaving them working unsaid.
 */
class RunStoppedBySignalIT {

    @TempDir
    Path work;

    @Test
    void sigterm_ends_the_session_with_its_resting_orders_cancelled_and_named() throws Exception {
        Path jar = Path.of(System.getProperty("crash.jar", "target/trading-core.jar")).toAbsolutePath();
        assertThat(jar).as("the runnable jar (built by package)").isRegularFile();
        String database = TemplateDatabase.createEmpty();
        try (PaperExchange exchange = PaperExchange.start(SimulatedExchange.start(SimulationConfig.defaults(61),
                Clock.systemUTC()), PaperExchangeConfig.defaults(0).withStepInterval(Duration.ZERO),
                Clock.systemUTC())) {
            var url = PostgresServer.get().urlOf(database);
            String jdbc = url.jdbcUrl();
            String databaseUrl = "database.url=" + jdbc + (jdbc.contains("?") ? "&" : "?") + "user="
                    + url.user().orElse("postgres") + url.password().map(p -> "&password=" + p).orElse("");
            Path home = Files.createDirectories(work.resolve("home"));
            try (ChildProcess run = ChildProcess.start("run", jar, List.of("-Duser.home=" + home), List.of("run",
                    "--broker", "paper", "--broker-url", exchange.uri().toString(), "--duration", "120s",
                    "--symbols", "AAPL,MSFT", "--home", home.toString(), "--set", databaseUrl), Map.of(), work)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (open(exchange).size() < 4 && run.isAlive() && System.nanoTime() < deadline) {
                    exchange.exchange().step();
                    Thread.sleep(100);
                }
                assertThat(open(exchange)).as("orders rest while it trades: %s", run.describe())
                        .hasSizeGreaterThanOrEqualTo(4);

                Optional<Integer> exit = run.stop(Duration.ofSeconds(60));

                assertThat(exit).as("ended after SIGTERM: %s", run.describe()).isPresent();
                String out = run.output();
                assertThat(out).as(run.describe()).contains("stop asked (SIGTERM or Ctrl-C)")
                        .contains("of ours cancelled at the broker");
                Set<String> named = new TreeSet<>();
                out.lines().filter(l -> l.startsWith("  order ") && l.contains(": cancelled"))
                        .forEach(l -> named.add(l.substring(8, l.indexOf(' ', 8))));
                assertThat(named).as("each named: %s", run.describe()).isNotEmpty();
                assertThat(open(exchange)).as("nothing of ours works at the broker after it").isEmpty();
                for (String orderId : named) {
                    assertThat(exchange.exchange().orderByClientOrderId(orderId).map(o -> o.status().name()))
                            .as("order %s", orderId).containsExactly("CANCELED");
                }
            }
        } finally {
            TemplateDatabase.drop(database);
        }
    }

    private static Set<String> open(PaperExchange exchange) {
        Set<String> open = new TreeSet<>();
        for (SimOrder order : exchange.exchange().openOrders()) {
            open.add(order.clientOrderId());
        }
        return open;
    }
}
