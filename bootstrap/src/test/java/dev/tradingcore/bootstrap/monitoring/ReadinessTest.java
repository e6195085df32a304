package dev.tradingcore.bootstrap.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.Eventually;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.port.OrderRequest;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.vavr.collection.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an orchestrator's probes see while a core starts: its start-up recovery is held at its first question to the
 * broker (after the ledger binding's account check); meanwhile {@code /health/ready} answers 503 with the reason and {@code /health/live} 200. Once the broker
 * answers and the start returns, {@code /health/ready} answers 200.
 */
@Timeout(180)
class ReadinessTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path home;

    private String database;

    @BeforeEach
    void database() {
        database = TemplateDatabase.createFresh();
    }

    @AfterEach
    void drop() {
        TemplateDatabase.drop(database);
    }

    @Test
    void ready_answers_503_while_start_up_recovery_waits_for_the_broker_and_200_after_live_200_throughout()
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Settings base = Settings.fromEnvironment();
        Settings settings = new Settings(Optional.of(PostgresServer.get().urlOf(database)), base.poolSize(),
                base.timeout(), base.sslMode(), base.embedded(), Optional.empty(), base.trading(), base.broker(),
                base.alerts(), base.monitoring(), home).withMetricsPort(port);
        HeldBroker broker = new HeldBroker(SimulatedBroker.create(SimulationConfig.defaults(5), Clock.systemUTC()));
        CompletableFuture<TradingCore> starting = CompletableFuture.supplyAsync(() -> TradingCore.builder()
                .settings(settings).broker(broker).backgroundJobs(false).monitoring(false).start());
        String core = "http://127.0.0.1:" + port;
        try {
            assertThat(broker.firstCall.await(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .as("start-up recovery called the broker").isTrue();
            assertThat(starting).as("the start waits for the held broker").isNotDone();

            HttpResponse<String> ready = get(core + "/health/ready");
            System.out.println("recovery held at the broker's " + broker.held.get() + "(): /health/ready "
                    + ready.statusCode() + " " + ready.body().strip());
            assertThat(ready.statusCode()).as("/health/ready during recovery").isEqualTo(503);
            assertThat(ready.body()).startsWith("not ready: ");
            assertThat(get(core + "/health/live").statusCode()).as("/health/live during recovery").isEqualTo(200);
            assertThat(get(core + "/metrics").statusCode()).as("/metrics during recovery").isEqualTo(200);
        } finally {
            broker.release.countDown();
        }
        try (TradingCore started = starting.get(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            HttpResponse<String> ready = get(core + "/health/ready");
            System.out.println("recovery " + started.recoveryReport().outcome() + ": /health/ready "
                    + ready.statusCode() + " " + ready.body().strip());
            assertThat(ready.statusCode()).as("/health/ready once recovered: %s", ready.body()).isEqualTo(200);
            assertThat(get(core + "/health/live").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A broker whose first call after the ledger binding's {@code account()} (so: recovery's first question about
     * fills, positions or orders) waits until the test releases it; then the simulation answers.
     */
    private static final class HeldBroker implements BrokerGateway {

        final CountDownLatch firstCall = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<String> held = new AtomicReference<>();
        private final BrokerGateway broker;

        HeldBroker(BrokerGateway broker) {
            this.broker = broker;
        }

        private <T> T call(String name, Supplier<T> work) {
            if (!name.equals("account") && held.compareAndSet(null, name)) {
                firstCall.countDown();
                try {
                    if (!release.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the broker");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return work.get();
        }

        @Override
        public Either<BrokerFailure, BrokerOrder> submit(OrderRequest request) {
            return call("submit", () -> broker.submit(request));
        }

        @Override
        public Either<BrokerFailure, BrokerOrder> cancel(BrokerOrderId id) {
            return call("cancel", () -> broker.cancel(id));
        }

        @Override
        public Either<BrokerFailure, BrokerOrder> orderById(BrokerOrderId id) {
            return call("orderById", () -> broker.orderById(id));
        }

        @Override
        public Either<BrokerFailure, BrokerOrder> orderByClientOrderId(ClientOrderId id) {
            return call("orderByClientOrderId", () -> broker.orderByClientOrderId(id));
        }

        @Override
        public Either<BrokerFailure, Listing<BrokerOrder>> openOrders() {
            return call("openOrders", broker::openOrders);
        }

        @Override
        public Either<BrokerFailure, List<BrokerPosition>> positions() {
            return call("positions", broker::positions);
        }

        @Override
        public Either<BrokerFailure, Listing<BrokerFill>> fillsSince(Instant since) {
            return call("fillsSince", () -> broker.fillsSince(since));
        }

        @Override
        public Either<BrokerFailure, Option<String>> account() {
            return call("account", broker::account);
        }
    }
}
