package dev.tradingcore.bootstrap.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.testing.Eventually;
import dev.tradingcore.adapters.postgres.testing.StreamingPair;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replication lag an operator scrapes, against a real streaming replica: a core on the primary with the replica
 * configured and {@code /metrics} served; while the replica's replay is paused and the primary takes writes,
 * {@code tradingcore_replication_lag_seconds} grows above 0 (one standby streaming); once replay resumes it is back
 * under a second.
 */
@Timeout(300)
class ReplicationLagMetricTest {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void the_scraped_replication_lag_grows_while_the_replica_is_held_back_and_falls_back_once_it_replays()
            throws Exception {
        try (StreamingPair pair = StreamingPair.start(tmp.resolve("pair"))) {
            String database = "postgresql://postgres@localhost:%d/" + StreamingPair.DATABASE;
            Settings base = Settings.fromEnvironment();
            Settings settings = new Settings(Optional.of(DatabaseUrl.parse(database.formatted(pair.primary().port()))),
                    base.poolSize(), base.timeout(), base.sslMode(), base.embedded(),
                    Optional.of(DatabaseUrl.parse(database.formatted(pair.runningReplica().port()))), base.trading(),
                    base.broker(), base.alerts(), base.monitoring(), tmp.resolve("home")).withMetricsPort(0);
            try (TradingCore core = TradingCore.builder().settings(settings)
                    .broker(SimulatedBroker.create(SimulationConfig.defaults(3), Clock.systemUTC()))
                    .backgroundJobs(false).monitoring(false).start();
                    Writer writer = new Writer(pair.primary())) {
                String metrics = "http://127.0.0.1:" + core.metricsAddress().orElseThrow().getPort() + "/metrics";
                Eventually.within(BOUND, "one standby streaming, caught up",
                        () -> value(metrics, "tradingcore_replication_standbys") == 1
                                && value(metrics, "tradingcore_replication_lag_seconds") < 1);

                pair.runningReplica().pauseReplay();
                writer.start();
                Eventually.within(BOUND, "the scraped lag exceeds 2 s while replay is paused",
                        () -> value(metrics, "tradingcore_replication_lag_seconds") > 2);
                double held = value(metrics, "tradingcore_replication_lag_seconds");
                System.out.println("replication lag scraped with the replica's replay paused: " + held + " s");

                pair.runningReplica().resumeReplay();
                Eventually.within(BOUND, "the scraped lag is back under 1 s once the replica replays",
                        () -> value(metrics, "tradingcore_replication_lag_seconds") < 1);
                System.out.println("replication lag scraped after resuming replay: "
                        + value(metrics, "tradingcore_replication_lag_seconds") + " s, standbys "
                        + value(metrics, "tradingcore_replication_standbys"));
                assertThat(value(metrics, "tradingcore_replication_standbys")).isEqualTo(1);
            }
        }
    }

    /** The series' value in what {@code /metrics} serves now; NaN when it is absent (or NaN). */
    private static double value(String metrics, String series) {
        String body;
        try {
            body = HTTP.send(HttpRequest.newBuilder(URI.create(metrics)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("could not scrape " + metrics, e);
        }
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return Double.NaN;
    }

    /** Plain inserts into a scratch table on the primary as superuser, every 100 ms: WAL the replica must replay. */
    private static final class Writer implements AutoCloseable {

        private final StreamingPair.Node primary;
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        Writer(StreamingPair.Node primary) {
            this.primary = primary;
        }

        void start() throws Exception {
            try (Connection c = primary.connect(StreamingPair.DATABASE); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS lag_scratch (n bigint)");
            }
            running.set(true);
            thread = new Thread(() -> {
                try (Connection c = primary.connect(StreamingPair.DATABASE); Statement st = c.createStatement()) {
                    while (running.get()) {
                        st.execute("INSERT INTO lag_scratch SELECT g FROM generate_series(1, 1000) g");
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    if (running.get()) {
                        throw new IllegalStateException("the scratch writer failed", e);
                    }
                }
            }, "lag-scratch-writer");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(10_000);
            }
        }
    }
}
