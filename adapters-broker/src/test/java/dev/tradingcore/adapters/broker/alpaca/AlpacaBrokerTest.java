package dev.tradingcore.adapters.broker.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.OrderRequest;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The REST adapter's reading of every documented status and every error shape, against a real local server. */
class AlpacaBrokerTest {

    private final TestClock clock = TestClock.at("2026-11-23T15:00:00Z");
    private StubAlpacaServer stub;
    private AlpacaBroker broker;

    @BeforeEach
    void start() throws IOException {
        stub = new StubAlpacaServer(clock);
        broker = new AlpacaBroker(stub.settings());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static String orderWith(String status, String qty, String filledQty) {
        return StubAlpacaServer.ORDER_EXAMPLE.replace("\"status\":\"accepted\"", "\"status\":\"" + status + "\"")
                .replace("\"qty\":\"2\"", "\"qty\":\"" + qty + "\"")
                .replace("\"filled_qty\":\"0\"", "\"filled_qty\":\"" + filledQty + "\"");
    }

    private static OrderRequest request() {
        return new OrderRequest(ClientOrderId.of("our-1"), Symbol.of("AAPL"), Side.BUY, Quantity.of(2),
                OrderType.LIMIT, TimeInForce.GTC, Option.some(Price.of("170.5")), Option.none());
    }

    @ParameterizedTest(name = "{0} with {2} of {1} filled -> {3}")
    @CsvSource({
        "new, 2, 0, SUBMITTED",
        "partially_filled, 2, 1, PARTIAL_FILL",
        "filled, 2, 2, FILLED",
        "done_for_day, 2, 0, SUBMITTED",
        "done_for_day, 2, 1, PARTIAL_FILL",
        "canceled, 2, 0, CANCELLED",
        "canceled, 2, 1, CANCELLED",
        "expired, 2, 0, EXPIRED",
        "replaced, 2, 0, UNKNOWN",
        "pending_cancel, 2, 0, SUBMITTED",
        "pending_cancel, 2, 1, PARTIAL_FILL",
        "pending_replace, 2, 0, SUBMITTED",
        "accepted, 2, 0, SUBMITTED",
        "pending_new, 2, 0, SUBMITTED",
        "accepted_for_bidding, 2, 0, SUBMITTED",
        "stopped, 2, 0, SUBMITTED",
        "rejected, 2, 0, REJECTED",
        "suspended, 2, 0, UNKNOWN",
        "calculated, 2, 2, FILLED",
        "calculated, 2, 1, UNKNOWN",
        "held, 2, 0, UNKNOWN",
        "some_future_state, 2, 0, UNKNOWN"
    })
    void everyDocumentedStatusMapsAsTheTableSays(String raw, String qty, String filled, OrderStatus expected) {
        stub.thenAnswer(200, orderWith(raw, qty, filled));

        BrokerOrder order = broker.orderById(BrokerOrderId.of("61e69015-8549-4bfd-b9c3-01e75843f47d")).get();

        assertThat(order.status()).isEqualTo(expected);
        assertThat(order.rawStatus()).isEqualTo(raw);
    }

    /** The spec's OrderStatus enum (alpaca-trader-api-openapi.yaml, components.schemas.OrderStatus), verbatim. */
    private static final java.util.List<String> DOCUMENTED = java.util.List.of("new", "partially_filled", "filled",
            "done_for_day", "canceled", "expired", "replaced", "pending_cancel", "pending_replace", "accepted",
            "pending_new", "accepted_for_bidding", "stopped", "rejected", "suspended", "calculated");

    @Test
    void theTableCoversEveryStatusOfTheSpecsEnum() {
        assertThat(AlpacaStatuses.RULES.keySet().toJavaSet()).containsAll(DOCUMENTED);
    }

    @Test
    void theSpecsOrderExampleIsRead() {
        stub.thenAnswer(200, StubAlpacaServer.ORDER_EXAMPLE);

        BrokerOrder order = broker.orderById(BrokerOrderId.of("61e69015-8549-4bfd-b9c3-01e75843f47d")).get();

        assertThat(order.brokerOrderId().value()).isEqualTo("61e69015-8549-4bfd-b9c3-01e75843f47d");
        assertThat(order.clientOrderId().get().value()).isEqualTo("eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4");
        assertThat(order.symbol()).isEqualTo(Symbol.of("AAPL"));
        assertThat(order.quantity()).isEqualTo(Quantity.of(2));
        assertThat(order.filledAvgPrice()).isEmpty();
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2021-03-16T18:38:01.942282Z"));
    }

    @Test
    void theSpecsPositionAndFillExamplesAreRead() {
        stub.thenAnswer(200, "[" + StubAlpacaServer.POSITION_EXAMPLE + "]")
                .thenAnswer(200, "[" + StubAlpacaServer.FILL_EXAMPLE + "]");

        assertThat(broker.positions().get().single().quantity()).isEqualByComparingTo("2");
        BrokerFill fill = broker.fillsSince(Instant.parse("2022-02-02T00:00:00Z")).get().items().single();

        assertThat(fill.tradeId().value()).isEqualTo("2d7be4ff-d1f3-43e9-856a-0f5cf5c5088e");
        assertThat(fill.brokerOrderId().value()).isEqualTo("b5abe576-6a8a-49f3-a353-46b72c1ccae9");
        assertThat(fill.price()).isEqualTo(Price.of("174.78"));
        assertThat(fill.executedAt()).isEqualTo(Instant.parse("2022-02-02T18:55:09.981482Z"));
    }

    @Test
    void aShortPositionIsNegativeAndAShortSaleFillIsASell() {
        stub.thenAnswer(200, "[" + StubAlpacaServer.POSITION_EXAMPLE.replace("\"side\":\"long\"", "\"side\":\"short\"")
                        + "]")
                .thenAnswer(200, "[" + StubAlpacaServer.FILL_EXAMPLE.replace("\"side\":\"buy\"",
                        "\"side\":\"sell_short\"") + "]");

        assertThat(broker.positions().get().single().quantity()).isEqualByComparingTo("-2");
        assertThat(broker.fillsSince(Instant.EPOCH).get().items().single().side()).isEqualTo(Side.SELL);
    }

    @Test
    void theSubmittedBodyCarriesQtyPricesAndOurClientOrderId() throws IOException {
        stub.thenAnswer(200, StubAlpacaServer.ORDER_EXAMPLE);

        broker.submit(request());

        assertThat(stub.requests()).containsExactly("POST /v2/orders");
    }

    static Stream<Arguments> errorShapes() {
        return Stream.of(
                Arguments.of(400, Map.of(), "{\"code\":40010000,\"message\":\"request body format is invalid\"}",
                        BrokerFailure.Rejected.class, "request body format is invalid"),
                Arguments.of(401, Map.of(), "{\"code\":40110000,\"message\":\"request is not authorized\"}",
                        BrokerFailure.Unauthorized.class, "check the API key id and secret"),
                Arguments.of(403, Map.of(), "{\"code\":40310000,\"message\":\"account is restricted\"}",
                        BrokerFailure.Unauthorized.class, "account is restricted"),
                Arguments.of(422, Map.of(), "{\"code\":40010001,\"message\":\"client_order_id must be unique\"}",
                        BrokerFailure.Rejected.class, "client_order_id must be unique"),
                Arguments.of(422, Map.of(), "", BrokerFailure.Rejected.class, "HTTP 422"),
                Arguments.of(429, Map.of("Retry-After", "7"), "{\"code\":42910000,\"message\":\"rate limit\"}",
                        BrokerFailure.RateLimited.class, "retry after 7 s"),
                Arguments.of(429, Map.of(), "", BrokerFailure.RateLimited.class, "rate limited"),
                Arguments.of(500, Map.of(), "{\"code\":50010000,\"message\":\"internal server error\"}",
                        BrokerFailure.ServerError.class, "internal server error"),
                Arguments.of(503, Map.of(), "<html>upstream down</html>", BrokerFailure.ServerError.class, "503"),
                Arguments.of(200, Map.of(), "{\"id\": \"x\", \"status\": ", BrokerFailure.Malformed.class,
                        "not JSON"),
                Arguments.of(200, Map.of(), "", BrokerFailure.Malformed.class, "empty"),
                Arguments.of(200, Map.of(), "{\"id\":\"x\",\"status\":\"new\"}", BrokerFailure.Malformed.class,
                        "unreadable answer"),
                Arguments.of(200, Map.of(), StubAlpacaServer.ORDER_EXAMPLE.replace("\"qty\":\"2\"",
                        "\"qty\":\"-2\""), BrokerFailure.Malformed.class, "negative"));
    }

    @ParameterizedTest(name = "{0} {2} -> {3}")
    @MethodSource("errorShapes")
    void eachErrorShapeMapsToItsTypedFailure(int status, Map<String, String> headers, String body,
            Class<? extends BrokerFailure> expected, String text) {
        stub.thenAnswer(new StubAlpacaServer.Canned(status, headers, body, Duration.ZERO, false));

        Either<BrokerFailure, BrokerOrder> answer = broker.orderById(BrokerOrderId.of("some-order"));

        assertThat(answer.getLeft()).isInstanceOf(expected);
        assertThat(answer.getLeft().message()).contains(text);
    }

    @Test
    void aRetryAfterDateIsReadAsADelayFromTheAnswersDate() {
        stub.thenAnswer(new StubAlpacaServer.Canned(429, Map.of("Retry-After", "Thu, 31 Dec 2099 23:59:59 GMT"), "",
                Duration.ZERO, false));

        BrokerFailure failure = broker.positions().getLeft();

        assertThat(((BrokerFailure.RateLimited) failure).retryAfter().get()).isGreaterThan(Duration.ofDays(365));
    }

    @Test
    void notFoundOnALookupIsAnAnswerButOnSubmitARejection() {
        stub.thenAnswer(404, "{\"code\":40410000,\"message\":\"order not found\"}")
                .thenAnswer(404, "{\"code\":40410000,\"message\":\"not found\"}");

        assertThat(broker.orderByClientOrderId(ClientOrderId.of("x")).getLeft())
                .isInstanceOf(BrokerFailure.NotFound.class);
        assertThat(broker.submit(request()).getLeft()).isInstanceOf(BrokerFailure.Rejected.class);
    }

    @Test
    void aSlowAnswerIsATimeout() {
        stub.thenAnswer(new StubAlpacaServer.Canned(200, Map.of(), "[]", Duration.ofSeconds(2), false));

        assertThat(broker.positions().getLeft()).isInstanceOf(BrokerFailure.Timeout.class);
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AlpacaBroker nowhere = new AlpacaBroker(AlpacaSettings.of(URI.create("http://127.0.0.1:" + port),
                StubAlpacaServer.KEY, StubAlpacaServer.SECRET));

        BrokerFailure failure = nowhere.positions().getLeft();

        assertThat(failure).isInstanceOf(BrokerFailure.ConnectionFailed.class);
        assertThat(failure.isTransient()).isTrue();
    }

    @Test
    void aDroppedConnectionOnSubmitIsAConnectionFailureAndTheOrderIsLookedUpNotResent() {
        stub.thenAnswer(new StubAlpacaServer.Canned(200, Map.of(), "", Duration.ZERO, true));

        BrokerFailure failure = broker.submit(request()).getLeft();

        assertThat(failure).isInstanceOf(BrokerFailure.ConnectionFailed.class);
        assertThat(stub.requests()).containsExactly("POST /v2/orders",
                "GET /v2/orders:by_client_order_id?client_order_id=our-1");
    }

    @Test
    void aSubmitWithoutAnAnswerIsSettledByOneLookupAndNeverSentTwice() {
        stub.thenAnswer(503, "{\"code\":50310000,\"message\":\"unavailable\"}")
                .thenAnswer(200, orderWith("new", "2", "0"));

        BrokerOrder order = broker.submit(request()).get();

        assertThat(order.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(stub.requests()).containsExactly("POST /v2/orders",
                "GET /v2/orders:by_client_order_id?client_order_id=our-1");
    }

    @Test
    void aSubmitWhoseOrderIsNotAtTheBrokerReturnsTheOriginalFailureWithoutResending() {
        stub.thenAnswer(new StubAlpacaServer.Canned(200, Map.of(), "", Duration.ofSeconds(2), false))
                .thenAnswer(404, "{\"code\":40410000,\"message\":\"order not found\"}");

        BrokerFailure failure = broker.submit(request()).getLeft();

        assertThat(failure).isInstanceOf(BrokerFailure.Timeout.class);
        assertThat(stub.requests().stream().filter(r -> r.startsWith("POST"))).hasSize(1);
    }

    @Test
    void credentialsNeverAppearInFailuresOrToString() throws IOException {
        String echo = "{\"code\":40110000,\"message\":\"bad key " + StubAlpacaServer.KEY + " / "
                + StubAlpacaServer.SECRET + "\"}";
        stub.thenAnswer(401, echo).thenAnswer(500, echo).thenAnswer(200, echo);
        java.util.List<String> texts = new java.util.ArrayList<>();
        texts.add(broker.positions().getLeft().message());
        texts.add(broker.positions().getLeft().message());
        texts.add(broker.positions().getLeft().message());
        texts.add(broker.toString());
        texts.add(stub.settings().toString());
        AlpacaBroker unauthorized = new AlpacaBroker(AlpacaSettings.of(stub.uri(), "wrong-key-id-123",
                "wrong-secret-456"));
        texts.add(unauthorized.positions().getLeft().message());
        texts.add(unauthorized.toString());

        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(StubAlpacaServer.KEY)
                .doesNotContain(StubAlpacaServer.SECRET).doesNotContain("wrong-key-id-123")
                .doesNotContain("wrong-secret-456"));
        assertThat(texts.get(5)).contains("not authorized");
    }
}
