package dev.tradingcore.bootstrap.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.config.SettingsLoader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A core started from configuration sends alerts to the configured webhook and runs the health monitor. */
@Timeout(120)
class CoreAlertingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

    private String database;
    private HttpServer pager;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        database = TemplateDatabase.createEmpty();
        pager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pager.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        pager.start();
    }

    @AfterEach
    void stop() {
        pager.stop(0);
        TemplateDatabase.drop(database);
    }

    @Test
    void alerts_of_the_configured_severity_reach_the_webhook_and_the_monitor_ticks() throws Exception {
        Settings settings = SettingsLoader.of(Optional.empty(), Map.of(), Map.of(
                "ALERTS_WEBHOOK_URL", "http://127.0.0.1:" + pager.getAddress().getPort() + "/pager",
                "ALERTS_WEBHOOK_TOKEN", "pager-token",
                "ALERTS_WEBHOOK_MIN_SEVERITY", "HIGH",
                "MONITORING_INTERVAL", "50ms")).load().withDatabase(PostgresServer.get().urlOf(database));
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(21), CLOCK);

        try (TradingCore core = TradingCore.builder().settings(settings).broker(broker).clock(CLOCK).start()) {
            core.controls().turn(true, "session");
            core.controls().turn(false, "end of test session");

            HealthMonitor monitor = core.component(HealthMonitor.class);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((received.isEmpty() || !monitor.describe().matches("ticks=[1-9].*"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(monitor.describe()).as("started with the core").matches("ticks=[1-9].*");
        }
        // Closing the core drained the sink's queue.
        assertThat(received).anySatisfy(body -> assertThat(body).contains("\"severity\":\"HIGH\"")
                .contains("\"title\":\"Trading disabled\"").contains("end of test session"));
        assertThat(received).as("INFO and WARNING stay in the log").noneMatch(b -> b.contains("\"severity\":\"INFO\""));
        assertThat(authorizations).containsOnly("Bearer pager-token");
    }
}
