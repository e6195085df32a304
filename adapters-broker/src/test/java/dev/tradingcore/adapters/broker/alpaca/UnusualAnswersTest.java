package dev.tradingcore.adapters.broker.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.port.OrderRequest;
import dev.tradingcore.domain.port.UnreadableItem;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A broker's answer with one unusual field (a quantity with 9 decimal places, a negative one, a missing one, a status
 * nobody documented) is a typed failure of that item: never an exception out of the adapter, never a whole page lost
 * for one item, never an item silently dropped.
 */
class UnusualAnswersTest {

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

    private static String orderWithFilled(String filledQty) {
        return StubAlpacaServer.ORDER_EXAMPLE.replace("\"filled_qty\":\"0\"", "\"filled_qty\":\"" + filledQty + "\"");
    }

    private static String fill(String id, String qty, String time) {
        return StubAlpacaServer.FILL_EXAMPLE.replace("\"qty\":\"2\"", "\"qty\":\"" + qty + "\"")
                .replace("2d7be4ff-d1f3-43e9-856a-0f5cf5c5088e", id)
                .replace("2022-02-02T18:55:09.981482Z", time);
    }

    @ParameterizedTest(name = "filled_qty {0}")
    @ValueSource(strings = {"-1", "0.123456789", "lots"})
    void anOrderWithAnUnreadableFilledQuantityIsAMalformedAnswerNotAnException(String filledQty) {
        stub.thenAnswer(200, orderWithFilled(filledQty));

        Either<BrokerFailure, BrokerOrder> answer = broker.orderById(BrokerOrderId.of("some-order"));

        assertThat(answer.getLeft()).isInstanceOf(BrokerFailure.Malformed.class);
        assertThat(answer.getLeft().message()).contains("filled_qty");
        assertThat(answer.getLeft().isTransient()).isTrue();
    }

    @Test
    void anOrderWithoutItsFilledQuantityIsUnreadableNeverUnfilled() {
        stub.thenAnswer(200, StubAlpacaServer.ORDER_EXAMPLE.replace("\"filled_qty\":\"0\",", ""));

        assertThat(broker.orderById(BrokerOrderId.of("some-order")).getLeft()).isInstanceOf(
                BrokerFailure.Malformed.class);
    }

    @Test
    void aSubmitWhoseAnswerCannotBeReadIsSettledByLookingTheOrderUp() {
        stub.thenAnswer(200, orderWithFilled("-1")).thenAnswer(200, orderWithFilled("0"));

        Either<BrokerFailure, BrokerOrder> answer = broker.submit(new OrderRequest(ClientOrderId.of("our-1"),
                Symbol.of("AAPL"), Side.BUY, Quantity.of(2), OrderType.LIMIT, TimeInForce.GTC,
                Option.some(Price.of("170.5")), Option.none()));

        assertThat(answer.isRight()).isTrue();
        assertThat(stub.requests()).containsExactly("POST /v2/orders",
                "GET /v2/orders:by_client_order_id?client_order_id=our-1");
    }

    @Test
    void oneUnreadableOpenOrderIsReportedBesideTheOthers() {
        String good = StubAlpacaServer.ORDER_EXAMPLE;
        String bad = orderWithFilled("0.123456789").replace("61e69015-8549-4bfd-b9c3-01e75843f47d", "bad-order-1")
                .replace("eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4", "other-client-id");
        stub.thenAnswer(200, "[" + bad + "," + good + "]");

        Listing<BrokerOrder> open = broker.openOrders().get();

        assertThat(open.items().map(o -> o.brokerOrderId().value()))
                .containsExactly("61e69015-8549-4bfd-b9c3-01e75843f47d");
        assertThat(open.unreadable()).singleElement().satisfies(item -> {
            assertThat(item.reference()).isEqualTo("bad-order-1");
            assertThat(item.reason()).contains("filled_qty");
        });
    }

    @ParameterizedTest(name = "qty {0}")
    @ValueSource(strings = {"1.123456789", "-1", ""})
    void oneUnusualFillActivityIsReportedWithItsTimeAndTheOthersAreRead(String qty) {
        stub.thenAnswer(200, "[" + fill("exec-1", "1", "2022-02-02T18:55:09.981482Z") + ","
                + fill("exec-2", qty, "2022-02-02T18:55:10.000001Z") + ","
                + fill("exec-3", "2", "2022-02-02T18:55:11Z") + "]");

        Listing<BrokerFill> fills = broker.fillsSince(Instant.parse("2022-02-02T00:00:00Z")).get();

        assertThat(fills.items().map(f -> f.tradeId().value())).containsExactly("exec-1", "exec-3");
        UnreadableItem unreadable = fills.unreadable().single();
        assertThat(unreadable.reference()).endsWith("exec-2");
        assertThat(unreadable.at()).contains(Instant.parse("2022-02-02T18:55:10.000001Z"));
        assertThat(unreadable.reason()).contains("qty");
    }

    @Test
    void aFillActivityWithoutAReadableTimeIsReportedWithoutOne() {
        stub.thenAnswer(200, "[" + fill("exec-1", "1", "yesterday") + "]");

        Listing<BrokerFill> fills = broker.fillsSince(Instant.parse("2022-02-02T00:00:00Z")).get();

        assertThat(fills.items()).isEmpty();
        assertThat(fills.unreadable().single().at()).isEmpty();
    }

    @Test
    void aPositionThatCannotBeReadFailsTheWholeSnapshot() {
        stub.thenAnswer(200, "[" + StubAlpacaServer.POSITION_EXAMPLE.replace("\"qty\":\"2\"",
                "\"qty\":\"2.123456789\"") + "]");

        assertThat(broker.positions().getLeft()).isInstanceOf(BrokerFailure.Malformed.class);
    }

    @Test
    void aLongPositionWithANegativeQuantityContradictsItselfAndIsNotBelieved() {
        stub.thenAnswer(200, "[" + StubAlpacaServer.POSITION_EXAMPLE.replace("\"qty\":\"2\"", "\"qty\":\"-2\"")
                + "]");

        assertThat(broker.positions().getLeft()).isInstanceOf(BrokerFailure.Malformed.class);
    }

    @Test
    void unauthorizedOnALookupIsNoAnswerAboutTheOrder() {
        stub.thenAnswer(401, "{\"code\":40110000,\"message\":\"request is not authorized\"}")
                .thenAnswer(403, "{\"code\":40310000,\"message\":\"forbidden\"}");

        assertThat(broker.orderById(BrokerOrderId.of("x")).getLeft()).isInstanceOf(BrokerFailure.Unauthorized.class);
        assertThat(broker.orderByClientOrderId(ClientOrderId.of("x")).getLeft())
                .isInstanceOf(BrokerFailure.Unauthorized.class);
    }

    @Test
    void unauthorizedOrForbiddenOnSubmitIsARejectionOfThatOrder() {
        stub.thenAnswer(401, "{\"code\":40110000,\"message\":\"request is not authorized\"}")
                .thenAnswer(403, "{\"code\":40310000,\"message\":\"insufficient buying power\"}");
        OrderRequest request = new OrderRequest(ClientOrderId.of("our-1"), Symbol.of("AAPL"), Side.BUY,
                Quantity.of(2), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none());

        assertThat(broker.submit(request).getLeft()).isInstanceOf(BrokerFailure.Rejected.class);
        assertThat(broker.submit(request).getLeft()).isInstanceOf(BrokerFailure.Rejected.class);
    }
}
