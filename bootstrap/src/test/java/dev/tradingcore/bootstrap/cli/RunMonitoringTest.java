package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tradingcore.adapters.broker.paper.PaperExchange;
import dev.tradingcore.adapters.broker.paper.PaperExchangeConfig;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code run} runs the health monitor, with the in-process simulation and against a paper exchange: with thresholds any
 * system crosses (write p99 above 1 µs, disk below 100 % free, a replica that streams nothing, checked every 250 ms) and a lock the test holds on {@code positions} for a while (the session's fills wait:
 * a slow query, the execution pool in use), a session raises each of those alerts on the pager, each incident raised
 * once before it is resolved. A 30 s session with such thresholds used to raise none: the monitor started only with
 * the background jobs, which {@code run} turns off.
 */
@Timeout(240)
class RunMonitoringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private String database;
    private HttpServer pager;
    private PaperExchange exchange;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        database = TemplateDatabase.createFresh();
        pager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pager.createContext("/", exchange -> {
            received.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        pager.start();
    }

    @AfterEach
    void stop() {
        if (exchange != null) {
            exchange.close();
        }
        pager.stop(0);
        TemplateDatabase.drop(database);
    }

    /** With the in-process simulation, and against a paper exchange over HTTP (as {@code --broker paper}). */
    @ParameterizedTest
    @ValueSource(strings = {"simulated", "paper"})
    void a_session_with_low_thresholds_raises_the_threshold_alerts_once_per_incident(String brokerKind)
            throws Exception {
        String url = PostgresServer.get().urlOf(database).jdbcUrl() + "?user="
                + PostgresServer.get().adminUrl().user().orElse("postgres");
        // 6 s: every alert is raised within about 2 s of the start (monitor every 250 ms), and the lock is held and
        // let go within a second after the first fill; a loaded 2-core machine took 1.5 s for all of it.
        List<String> args = new ArrayList<>(List.of("run", "--duration", "6s", "--symbols", "AAPL,MSFT", "--seed",
                "5", "--home", home.toString(),
                "--set", "database.url=" + url,
                // A replica that is the primary itself: no standby streams from it.
                "--set", "database.replica-url=" + url,
                "--set", "alerts.webhook-url=http://127.0.0.1:" + pager.getAddress().getPort() + "/pager",
                "--set", "alerts.webhook-min-severity=INFO",
                "--set", "monitoring.interval=250ms",
                "--set", "monitoring.write-latency-p99=PT0.000001S",
                "--set", "monitoring.disk-free-warning-percent=100",
                "--set", "monitoring.disk-free-critical-percent=0",
                "--set", "monitoring.pool-utilization-percent=1",
                "--set", "monitoring.slow-query=300ms"));
        PostgresServer.get().adminUrl().password().ifPresent(p -> args.addAll(List.of("--set",
                "database.password=" + p)));
        if (brokerKind.equals("paper")) {
            exchange = PaperExchange.start(SimulatedExchange.start(SimulationConfig.defaults(5), Clock.systemUTC()),
                    PaperExchangeConfig.defaults(0).withStepInterval(Duration.ofMillis(100)), Clock.systemUTC());
            args.addAll(List.of("--broker", "paper", "--broker-url", exchange.uri().toString()));
        } else {
            args.addAll(List.of("--simulation-state", home.resolve("simulation.json").toString()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> session = CompletableFuture.supplyAsync(() -> {
            CommandLine cli = TradingCoreCommand.newCommandLine(Map.of());
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute(args.toArray(String[]::new));
        });

        until("the session books fills", Duration.ofSeconds(90),
                () -> count("SELECT count(*) FROM trades") > 0 || session.isDone());
        try (Connection lock = PostgresServer.get().connect(database)) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.execute("LOCK TABLE positions IN EXCLUSIVE MODE");
            }
            // The session waits on the lock meanwhile: the monitor, on its own thread, sees it.
            until("the pager hears of the slow query", Duration.ofSeconds(30),
                    () -> raised("health/slow-queries") || session.isDone());
            lock.commit();
        }
        int exit = session.get();
        assertThat(exit).as("%s%n%s", out, err).isZero();

        for (String incident : List.of("health/write-latency", "health/disk-space", "health/slow-queries",
                "health/pool:execution", "health/replication-not-streaming")) {
            assertThat(raised(incident)).as("%s raised; received %s", incident, received).isTrue();
        }
        statesByIncident().forEach((incident, states) -> {
            // Raised, then resolved before it is raised again: a new incident, never a second alert for one.
            for (int i = 0; i < states.size(); i++) {
                assertThat(states.get(i)).as("%s: %s", incident, states)
                        .isEqualTo(i % 2 == 0 ? "raised" : "resolved");
            }
        });
        assertThat(statesByIncident().get("health/write-latency")).as("crossed at every check with fills")
                .containsExactly("raised");
        assertThat(statesByIncident().get("health/disk-space")).containsExactly("raised");
        assertThat(statesByIncident().get("health/replication-not-streaming")).containsExactly("raised");
        assertThat(statesByIncident().get("health/slow-queries")).as("only while the test held its lock")
                .containsExactly("raised", "resolved");
    }

    private boolean raised(String incident) {
        return received.stream().anyMatch(a -> a.path("context").path("incident").asText().equals(incident)
                && a.path("context").path("incident_state").asText().equals("raised"));
    }

    /** For each incident key, the states its alerts carried, in the order they arrived. */
    private Map<String, List<String>> statesByIncident() {
        Map<String, List<String>> states = new TreeMap<>();
        for (JsonNode alert : received) {
            String incident = alert.path("context").path("incident").asText("");
            if (incident.startsWith("health/")) {
                states.computeIfAbsent(incident, k -> new ArrayList<>())
                        .add(alert.path("context").path("incident_state").asText());
            }
        }
        return states;
    }

    private long count(String sql) {
        try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException notYet) {
            return 0; // the session has not migrated the schema yet
        }
    }

    private static void until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not true after " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
