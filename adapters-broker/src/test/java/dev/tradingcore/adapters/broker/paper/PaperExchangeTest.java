package dev.tradingcore.adapters.broker.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.adapters.broker.alpaca.AlpacaBroker;
import dev.tradingcore.adapters.broker.alpaca.AlpacaSettings;
import dev.tradingcore.adapters.broker.simulated.Fault;
import dev.tradingcore.adapters.broker.simulated.FaultPlan;
import dev.tradingcore.adapters.broker.simulated.Operation;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.broker.simulated.DurableState;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.OrderRequest;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper exchange over real HTTP on loopback: authentication, request checks, faults and saved state. */
class PaperExchangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private final TestClock clock = TestClock.at("2026-11-23T15:00:00Z");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private PaperExchange paper;

    @AfterEach
    void stop() {
        if (paper != null) {
            paper.close();
        }
    }

    private PaperExchange start(PaperExchangeConfig config) throws IOException {
        paper = PaperExchange.start(SimulatedExchange.start(SimulationConfig.defaults(42), clock), config, clock);
        return paper;
    }

    private static PaperExchangeConfig manual() {
        return PaperExchangeConfig.defaults(0).withStepInterval(Duration.ZERO);
    }

    private HttpResponse<String> call(String method, String path, String body, String key, String secret)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(paper.uri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("APCA-API-KEY-ID", key).header("APCA-API-SECRET-KEY", secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, PaperExchangeConfig.DEFAULT_KEY_ID, PaperExchangeConfig.DEFAULT_SECRET);
    }

    /** An adapter whose timeout no answer reaches on a loaded machine: only the slow-answer test wants one passed. */
    private AlpacaBroker adapter() {
        return adapter(Duration.ofSeconds(10));
    }

    private AlpacaBroker adapter(Duration requestTimeout) {
        return new AlpacaBroker(AlpacaSettings.of(paper.uri(), PaperExchangeConfig.DEFAULT_KEY_ID,
                PaperExchangeConfig.DEFAULT_SECRET).withRequestTimeout(requestTimeout));
    }

    private static OrderRequest buy(String clientOrderId, long quantity) {
        return new OrderRequest(ClientOrderId.of(clientOrderId), Symbol.of("AAPL"), Side.BUY,
                Quantity.of(quantity), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none());
    }

    @Test
    void withoutTheRightCredentialsEveryRequestIs401() throws Exception {
        start(manual());

        HttpResponse<String> none = call("GET", "/v2/account", null, null, null);
        HttpResponse<String> wrong = call("GET", "/v2/account", null, "paper-key", "guess");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).get("message").asText()).isNotBlank();
    }

    @Test
    void theAccountStartsWithTheConfiguredCash() throws Exception {
        start(manual());

        JsonNode account = JSON.readTree(call("GET", "/v2/account", null).body());

        assertThat(account.get("cash").asText()).isEqualTo("1000000");
        assertThat(account.get("buying_power").asText()).isEqualTo("1000000");
        assertThat(account.get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void badRequestsGetTheDocumentedErrorShapeAndPlaceNothing() throws Exception {
        start(manual());

        HttpResponse<String> notional = call("POST", "/v2/orders", "{\"symbol\":\"AAPL\",\"notional\":\"500\","
                + "\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"day\"}");
        HttpResponse<String> malformed = call("POST", "/v2/orders", "{\"symbol\":");
        HttpResponse<String> negative = call("POST", "/v2/orders", "{\"symbol\":\"AAPL\",\"qty\":\"-3\","
                + "\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"day\"}");
        HttpResponse<String> trailing = call("POST", "/v2/orders", "{\"symbol\":\"AAPL\",\"qty\":\"3\","
                + "\"side\":\"buy\",\"type\":\"trailing_stop\",\"time_in_force\":\"day\"}");
        HttpResponse<String> injection = call("POST", "/v2/orders", "{\"symbol\":\"AAPL'); DROP TABLE orders;--\","
                + "\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"day\"}");

        assertThat(notional.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(notional.body()).get("message").asText()).contains("notional");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(negative.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(negative.body()).get("message").asText()).contains("qty");
        assertThat(trailing.statusCode()).isEqualTo(422);
        assertThat(injection.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(injection.body()).get("code").asLong()).isEqualTo(40010001L);
        assertThat(paper.exchange().orders()).isEmpty();
    }

    @Test
    void cancellingAFilledOrderIs422AndAnUnknownOne404() throws Exception {
        start(manual());
        BrokerOrder order = adapter().submit(buy("c-1", 1)).get();
        paper.exchange().step();

        assertThat(call("DELETE", "/v2/orders/" + order.brokerOrderId(), null).statusCode()).isEqualTo(422);
        assertThat(call("DELETE", "/v2/orders/no-such-order", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/v2/positions/AAPL", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/v2/positions/MSFT", null).statusCode()).isEqualTo(404);
    }

    @Test
    void fillActivitiesArePagedByPageToken() throws Exception {
        start(manual());
        AlpacaBroker broker = adapter();
        for (int i = 0; i < 5; i++) {
            broker.submit(buy("p-" + i, i + 1)).get();
        }
        paper.exchange().step();

        JsonNode first = JSON.readTree(call("GET", "/v2/account/activities/FILL?direction=asc&page_size=2", null)
                .body());
        String token = first.get(1).get("id").asText();
        JsonNode second = JSON.readTree(call("GET", "/v2/account/activities/FILL?direction=asc&page_size=2"
                + "&page_token=" + java.net.URLEncoder.encode(token, "UTF-8"), null).body());

        assertThat(first).hasSize(2);
        assertThat(first.get(0).get("qty").asText()).isEqualTo("1");
        assertThat(second.get(0).get("qty").asText()).isEqualTo("3");
        assertThat(token).matches("\\d{17}::[0-9a-f-]{36}");
        assertThat(broker.fillsSince(clock.instant()).get().items()).hasSize(5);
    }

    @Test
    void anOrderWhoseAnswerWasDroppedIsFoundByTheAdapterWithoutASecondOrder() throws Exception {
        start(manual().withFaults(FaultPlan.none().script(Operation.SUBMIT, Fault.RESPONSE_DROPPED)));

        BrokerOrder order = adapter().submit(buy("dropped-1", 4)).get();

        assertThat(order.clientOrderId()).contains(ClientOrderId.of("dropped-1"));
        assertThat(paper.exchange().orders()).hasSize(1);
    }

    @Test
    void aSlowAnswerPastTheClientsTimeoutLeavesTheOrderPlacedAndFindable() throws Exception {
        FaultPlan faults = new FaultPlan(1, 0, io.vavr.collection.List.empty(), Duration.ZERO,
                Duration.ofMillis(1500)).script(Operation.SUBMIT, Fault.TIMEOUT);
        start(manual().withFaults(faults));

        BrokerOrder order = adapter(Duration.ofMillis(500)).submit(buy("slow-1", 2)).get();

        assertThat(order.quantity()).isEqualTo(Quantity.of(2));
        assertThat(paper.exchange().orders()).hasSize(1);
    }

    @Test
    void serverErrorsAndRateLimitsPlaceNothing() throws Exception {
        start(manual().withFaults(FaultPlan.none().script(Operation.SUBMIT, Fault.SERVER_ERROR)
                .script(Operation.SUBMIT, Fault.RATE_LIMITED)));

        HttpResponse<String> error = call("POST", "/v2/orders", "{\"symbol\":\"AAPL\",\"qty\":\"1\","
                + "\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"day\",\"client_order_id\":\"x\"}");
        BrokerFailure limited = adapter().submit(buy("y", 1)).getLeft();

        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(limited).isInstanceOf(BrokerFailure.RateLimited.class);
        assertThat(((BrokerFailure.RateLimited) limited).retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(paper.exchange().orders()).isEmpty();
    }

    @Test
    void aRestartedExchangeContinuesFromItsStateFile() throws Exception {
        Path file = directory.resolve("paper.json");
        SimulationConfig config = SimulationConfig.defaults(9);
        paper = PaperExchange.start(DurableState.open(file, config, clock), manual(), clock);
        adapter().submit(buy("kept-1", 3)).get();
        paper.exchange().step();
        paper.close();

        paper = PaperExchange.start(DurableState.open(file, config, clock), manual(), clock);

        AlpacaBroker broker = adapter();
        assertThat(broker.positions().get().single().quantity()).isEqualByComparingTo("3");
        assertThat(broker.fillsSince(clock.instant()).get().items()).hasSize(1);
        assertThat(broker.submit(buy("kept-1", 3)).getLeft()).isInstanceOf(BrokerFailure.Rejected.class);
    }

    @Test
    void theSchedulerStepsPricesAndFillsOrders() throws Exception {
        start(PaperExchangeConfig.defaults(0).withStepInterval(Duration.ofMillis(10)));
        AlpacaBroker broker = adapter();

        BrokerOrder order = broker.submit(buy("sched-1", 1)).get();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (broker.orderById(order.brokerOrderId()).get().filledQuantity().isZero()
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(broker.orderById(order.brokerOrderId()).get().filledQuantity()).isEqualTo(Quantity.of(1));
        assertThat(paper.exchange().steps()).isPositive();
    }

    private void restingOrders(int count, Duration apart) {
        for (int i = 0; i < count; i++) {
            paper.exchange().submit(new dev.tradingcore.adapters.broker.simulated.NewOrder(Option.some("rest-" + i),
                    "MSFT", Side.BUY, java.math.BigDecimal.ONE, OrderType.LIMIT, TimeInForce.GTC,
                    Option.some(new java.math.BigDecimal("1.00")), Option.none())).get();
            clock.advance(apart);
        }
    }

    @Test
    void moreOpenOrdersThanOnePageAreAllListed() throws Exception {
        start(manual());
        restingOrders(1203, Duration.ofNanos(1000));

        assertThat(adapter().openOrders().get().items().map(o -> o.clientOrderId().get().value()).distinct())
                .hasSize(1203);
    }

    @Test
    void openOrdersThatCannotBePagedAreAFailureNeverAPartialList() throws Exception {
        start(manual());
        restingOrders(501, Duration.ZERO);

        assertThat(adapter().openOrders().getLeft()).isInstanceOf(BrokerFailure.Malformed.class);
    }

    @Test
    void the_clock_says_whether_the_regular_session_is_open_and_when_it_next_opens_and_closes() throws Exception {
        start(manual());
        // 2026-11-23 is a Monday; 15:00 UTC is 10:00 in New York.
        JsonNode open = JSON.readTree(call("GET", "/v2/clock", null).body());
        assertThat(open.get("is_open").asBoolean()).isTrue();
        assertThat(open.get("timestamp").asText()).isEqualTo("2026-11-23T10:00:00-05:00");
        assertThat(open.get("next_close").asText()).isEqualTo("2026-11-23T16:00:00-05:00");
        assertThat(open.get("next_open").asText()).isEqualTo("2026-11-24T09:30:00-05:00");

        clock.advance(Duration.ofHours(7)); // 17:00 in New York
        JsonNode closed = JSON.readTree(call("GET", "/v2/clock", null).body());
        assertThat(closed.get("is_open").asBoolean()).isFalse();
        assertThat(closed.get("next_open").asText()).isEqualTo("2026-11-24T09:30:00-05:00");
        assertThat(closed.get("next_close").asText()).isEqualTo("2026-11-24T16:00:00-05:00");
    }

    @Test
    void the_calendar_lists_the_weekdays_with_their_hours() throws Exception {
        start(manual());
        JsonNode days = JSON.readTree(call("GET", "/v2/calendar?start=2026-11-27&end=2026-12-01", null).body());

        assertThat(days).hasSize(3); // Friday, (no weekend), Monday, Tuesday
        assertThat(days.get(0).get("date").asText()).isEqualTo("2026-11-27");
        assertThat(days.get(1).get("date").asText()).isEqualTo("2026-11-30");
        assertThat(days.get(0).get("open").asText()).isEqualTo("09:30");
        assertThat(days.get(0).get("close").asText()).isEqualTo("16:00");
        assertThat(days.get(0).get("session_open").asText()).isEqualTo("0400");
        assertThat(call("GET", "/v2/calendar?start=yesterday", null).statusCode()).isEqualTo(422);
    }

    @Test
    void the_adapter_reads_prices_from_the_positions_current_price() throws Exception {
        start(manual());
        AlpacaBroker broker = adapter();
        assertThat(broker.submit(buy("price-1", 5)).isRight()).isTrue();
        paper.exchange().step();

        var prices = broker.latestPrices(clock.instant()).get();

        assertThat(prices).hasSize(1);
        assertThat(prices.head().symbol()).isEqualTo(Symbol.of("AAPL"));
        assertThat(prices.head().price().value()).isEqualByComparingTo(paper.exchange().price(Symbol.of("AAPL"))
                .get());
        assertThat(prices.head().timestamp()).as("the spec gives no time: the time asked").isEqualTo(clock.instant());
    }
}
