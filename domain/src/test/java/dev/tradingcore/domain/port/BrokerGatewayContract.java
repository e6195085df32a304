package dev.tradingcore.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a user of the broker port relies on, checked against every implementation: the in-process simulation, the
 * REST adapter against the paper exchange (over a socket and in-process), the REST adapter against a stub serving the
 * spec's JSON shapes, and the test doubles the use cases are tested with. Each implementation supplies a fresh broker
 * over an account with enough cash (and margin to sell short) that trades AAPL and MSFT and nothing else, and a way to
 * move its market one step, in which an open market order fills at most {@value #FILL_PER_STEP} shares (a larger one
 * fills partially, over several steps) at the market's price of that step.
 */
public abstract class BrokerGatewayContract {

    /** The most of one order that fills in one step of the market. */
    protected static final int FILL_PER_STEP = 5;

    protected final TestClock clock = TestClock.at("2026-11-23T15:00:00Z");
    private BrokerGateway broker;
    private int nextId = 1;

    /**
     * A fresh broker whose times come from {@code clock}, trading AAPL and MSFT only, whose market fills at most
     * {@value #FILL_PER_STEP} shares of an order per step.
     */
    protected abstract BrokerGateway newBroker(TestClock clock);

    /** Moves the broker's market one step: open market orders fill, up to {@value #FILL_PER_STEP} shares each. */
    protected abstract void step();

    /** Releases what {@link #newBroker} started. */
    protected void close() {
    }

    @BeforeEach
    void openBroker() {
        broker = newBroker(clock);
    }

    @AfterEach
    void closeBroker() {
        close();
    }

    private void stepAndTick() {
        clock.advance(Duration.ofSeconds(1));
        step();
    }

    /** Steps until the order has filled completely (a bounded number of steps). */
    private BrokerOrder stepUntilFilled(BrokerOrder order) {
        for (int i = 0; i < 20; i++) {
            stepAndTick();
            BrokerOrder now = broker.orderById(order.brokerOrderId()).get();
            if (now.status() == OrderStatus.FILLED) {
                return now;
            }
        }
        throw new AssertionError("order " + order.brokerOrderId() + " did not fill in 20 steps");
    }

    private OrderRequest market(Side side, String symbol, String quantity) {
        return new OrderRequest(ClientOrderId.of("contract-" + nextId++), Symbol.of(symbol), side,
                Quantity.of(quantity), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none());
    }

    private OrderRequest market(Side side, String symbol, long quantity) {
        return market(side, symbol, Long.toString(quantity));
    }

    private OrderRequest restingBuy(String symbol, long quantity) {
        return new OrderRequest(ClientOrderId.of("contract-" + nextId++), Symbol.of(symbol), Side.BUY,
                Quantity.of(quantity), OrderType.LIMIT, TimeInForce.GTC, Option.some(Price.of("1.00")), Option.none());
    }

    private List<BrokerFill> fillsOf(BrokerOrder order) {
        return broker.fillsSince(Instant.EPOCH).get().items().filter(f -> f.brokerOrderId().equals(
                order.brokerOrderId()));
    }

    private BigDecimal position(String symbol) {
        return broker.positions().get().find(p -> p.symbol().value().equals(symbol)).map(BrokerPosition::quantity)
                .getOrElse(BigDecimal.ZERO);
    }

    private Option<Price> averageEntryPrice(String symbol) {
        return broker.positions().get().find(p -> p.symbol().value().equals(symbol))
                .flatMap(BrokerPosition::averageEntryPrice);
    }

    @Test
    void theAccountIsTheSameAtEveryCallAndTradingDoesNotChangeIt() {
        Either<BrokerFailure, Option<String>> before = broker.account();
        broker.submit(market(Side.BUY, "AAPL", 3));
        stepAndTick();

        assertThat(before.isRight()).as("answered: %s", before).isTrue();
        assertThat(broker.account()).isEqualTo(before);
        before.get().forEach(id -> assertThat(id).isNotBlank());
    }

    @Test
    void aSubmittedOrderIsFoundByIdAndByClientOrderId() {
        OrderRequest request = market(Side.BUY, "AAPL", 10);

        BrokerOrder submitted = broker.submit(request).get();

        assertThat(submitted.clientOrderId()).isEqualTo(Option.some(request.clientOrderId()));
        assertThat(submitted.symbol()).isEqualTo(request.symbol());
        assertThat(submitted.side()).isEqualTo(Side.BUY);
        assertThat(submitted.quantity()).isEqualTo(Quantity.of(10));
        assertThat(submitted.status()).isIn(OrderStatus.SUBMITTED, OrderStatus.PARTIAL_FILL, OrderStatus.FILLED);
        BrokerOrder byId = broker.orderById(submitted.brokerOrderId()).get();
        BrokerOrder byClientId = broker.orderByClientOrderId(request.clientOrderId()).get();
        assertThat(byId.brokerOrderId()).isEqualTo(submitted.brokerOrderId());
        assertThat(byClientId.brokerOrderId()).isEqualTo(submitted.brokerOrderId());
        assertThat(byClientId.clientOrderId()).isEqualTo(Option.some(request.clientOrderId()));
    }

    @Test
    void aSecondOrderWithTheSameClientOrderIdIsRefusedAndNotPlaced() {
        OrderRequest request = restingBuy("AAPL", 5);
        BrokerOrder first = broker.submit(request).get();

        Either<BrokerFailure, BrokerOrder> second = broker.submit(request);

        assertThat(second.isLeft()).isTrue();
        assertThat(second.getLeft()).isInstanceOf(BrokerFailure.Rejected.class);
        assertThat(((BrokerFailure.Rejected) second.getLeft()).reason()).contains("client_order_id");
        List<BrokerOrder> open = broker.openOrders().get().items()
                .filter(o -> o.clientOrderId().contains(request.clientOrderId()));
        assertThat(open.map(BrokerOrder::brokerOrderId)).containsExactly(first.brokerOrderId());
    }

    @Test
    void anOpenOrderCanBeCancelledOnceAndThenIsNoLongerOpen() {
        BrokerOrder resting = broker.submit(restingBuy("MSFT", 3)).get();

        BrokerOrder cancelled = broker.cancel(resting.brokerOrderId()).get();

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(broker.orderById(resting.brokerOrderId()).get().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(broker.openOrders().get().items().map(BrokerOrder::brokerOrderId))
                .doesNotContain(resting.brokerOrderId());
        Either<BrokerFailure, BrokerOrder> again = broker.cancel(resting.brokerOrderId());
        assertThat(again.getLeft()).isInstanceOf(BrokerFailure.Rejected.class);
    }

    @Test
    void openOrdersAreTheWorkingOnesOnly() {
        BrokerOrder first = broker.submit(restingBuy("AAPL", 1)).get();
        BrokerOrder second = broker.submit(restingBuy("MSFT", 2)).get();
        BrokerOrder filled = broker.submit(market(Side.BUY, "AAPL", 1)).get();
        stepAndTick();

        List<BrokerOrder> open = broker.openOrders().get().items();

        assertThat(open.map(BrokerOrder::brokerOrderId)).contains(first.brokerOrderId(), second.brokerOrderId())
                .doesNotContain(filled.brokerOrderId());
        assertThat(open.map(BrokerOrder::status)).allMatch(OrderStatus::isOpen);
        assertThat(broker.orderById(filled.brokerOrderId()).get().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void positionsFollowTheFills() {
        stepUntilFilled(broker.submit(market(Side.BUY, "AAPL", 10)).get());
        assertThat(position("AAPL")).isEqualByComparingTo("10");

        stepUntilFilled(broker.submit(market(Side.SELL, "AAPL", 4)).get());

        assertThat(position("AAPL")).isEqualByComparingTo("6");
        assertThat(averageEntryPrice("AAPL")).isNotEmpty();
    }

    @Test
    void fillsSinceAPointAreEachReportedOnceOldestFirst() {
        Instant start = clock.instant();
        BrokerOrder first = broker.submit(market(Side.BUY, "AAPL", 2)).get();
        stepAndTick();
        clock.advance(Duration.ofSeconds(1));
        Instant between = clock.instant();
        BrokerOrder second = broker.submit(market(Side.BUY, "MSFT", 3)).get();
        stepAndTick();

        List<BrokerFill> all = broker.fillsSince(start).get().items();
        List<BrokerFill> later = broker.fillsSince(between).get().items();

        assertThat(all.map(BrokerFill::brokerOrderId)).containsExactly(first.brokerOrderId(),
                second.brokerOrderId());
        assertThat(all.map(BrokerFill::tradeId).distinct()).hasSize(2);
        assertThat(all.map(BrokerFill::quantity)).containsExactly(Quantity.of(2), Quantity.of(3));
        assertThat(all.get(0).executedAt()).isBeforeOrEqualTo(all.get(1).executedAt());
        assertThat(all.get(0).side()).isEqualTo(Side.BUY);
        assertThat(later.map(BrokerFill::brokerOrderId)).containsExactly(second.brokerOrderId());
        assertThat(later.get(0).tradeId()).isEqualTo(all.get(1).tradeId());
        assertThat(broker.fillsSince(clock.instant().plusSeconds(60)).get().items()).isEmpty();
    }

    @Test
    void aLargeOrderFillsPartiallyStepByStepAndEachFillIsReportedOnce() {
        BrokerOrder order = broker.submit(market(Side.BUY, "AAPL", 12)).get();

        stepAndTick();
        BrokerOrder afterOne = broker.orderById(order.brokerOrderId()).get();
        assertThat(afterOne.status()).isEqualTo(OrderStatus.PARTIAL_FILL);
        assertThat(afterOne.filledQuantity()).isEqualTo(Quantity.of(5));
        assertThat(broker.openOrders().get().items().map(BrokerOrder::brokerOrderId))
                .as("a partially filled order is still worked").contains(order.brokerOrderId());
        assertThat(position("AAPL")).isEqualByComparingTo("5");
        stepAndTick();
        assertThat(broker.orderById(order.brokerOrderId()).get().filledQuantity()).isEqualTo(Quantity.of(10));
        stepAndTick();

        BrokerOrder done = broker.orderById(order.brokerOrderId()).get();
        List<BrokerFill> fills = fillsOf(order);
        assertThat(done.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(done.filledQuantity()).isEqualTo(Quantity.of(12));
        assertThat(fills.map(BrokerFill::quantity)).containsExactly(Quantity.of(5), Quantity.of(5), Quantity.of(2));
        assertThat(fills.map(BrokerFill::tradeId).distinct()).hasSize(3);
        assertThat(fills.sliding(2).filter(pair -> pair.size() == 2)
                .forAll(pair -> !pair.get(1).executedAt().isBefore(pair.get(0).executedAt()))).isTrue();
        assertThat(broker.openOrders().get().items().map(BrokerOrder::brokerOrderId))
                .doesNotContain(order.brokerOrderId());
        assertThat(position("AAPL")).isEqualByComparingTo("12");
    }

    @Test
    void aPartiallyFilledOrderCancelledKeepsWhatFilledAndFillsNoMore() {
        BrokerOrder order = broker.submit(market(Side.BUY, "MSFT", 12)).get();
        stepAndTick();

        BrokerOrder cancelled = broker.cancel(order.brokerOrderId()).get();
        stepAndTick();

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        BrokerOrder now = broker.orderById(order.brokerOrderId()).get();
        assertThat(now.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(now.filledQuantity()).isEqualTo(Quantity.of(5));
        assertThat(fillsOf(order).map(BrokerFill::quantity)).containsExactly(Quantity.of(5));
        assertThat(position("MSFT")).isEqualByComparingTo("5");
    }

    @Test
    void sellingWhatIsNotHeldOpensAShortAtTheFillPrice() {
        BrokerOrder sell = stepUntilFilled(broker.submit(market(Side.SELL, "MSFT", 4)).get());

        BrokerFill fill = fillsOf(sell).single();
        assertThat(fill.side()).isEqualTo(Side.SELL);
        assertThat(position("MSFT")).isEqualByComparingTo("-4");
        assertThat(averageEntryPrice("MSFT")).contains(fill.price());
    }

    @Test
    void aSellLargerThanTheLongFlipsToAShortOpenedAtThatFillsPrice() {
        stepUntilFilled(broker.submit(market(Side.BUY, "AAPL", 2)).get());

        BrokerOrder flip = stepUntilFilled(broker.submit(market(Side.SELL, "AAPL", 5)).get());

        BrokerFill crossing = fillsOf(flip).single();
        assertThat(position("AAPL")).isEqualByComparingTo("-3");
        assertThat(averageEntryPrice("AAPL")).as("the short's average: what it was opened at").contains(
                crossing.price());
        stepUntilFilled(broker.submit(market(Side.BUY, "AAPL", 3)).get());
        assertThat(position("AAPL")).isEqualByComparingTo("0");
    }

    @Test
    void fractionalQuantitiesTradeToTheEighthDecimalPlace() {
        BrokerOrder buy = stepUntilFilled(broker.submit(market(Side.BUY, "AAPL", "1.23456789")).get());
        BrokerOrder sell = stepUntilFilled(broker.submit(market(Side.SELL, "AAPL", "0.00000001")).get());

        assertThat(buy.filledQuantity()).isEqualTo(Quantity.of("1.23456789"));
        assertThat(fillsOf(buy).map(BrokerFill::quantity)).containsExactly(Quantity.of("1.23456789"));
        assertThat(fillsOf(sell).map(BrokerFill::quantity)).containsExactly(Quantity.of("0.00000001"));
        assertThat(position("AAPL")).isEqualByComparingTo("1.23456788");
        BigDecimal average = averageEntryPrice("AAPL").get().value();
        assertThat(average.setScale(8, RoundingMode.HALF_EVEN)).as("an average of 8 places")
                .isEqualByComparingTo(average);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        BrokerOrderId unknown = BrokerOrderId.of("9e1e0e83-0000-4000-8000-000000000000");

        assertThat(broker.orderById(unknown).getLeft()).isInstanceOf(BrokerFailure.NotFound.class);
        assertThat(broker.cancel(unknown).getLeft()).isInstanceOf(BrokerFailure.NotFound.class);
        assertThat(broker.orderByClientOrderId(ClientOrderId.of("never-sent")).getLeft())
                .isInstanceOf(BrokerFailure.NotFound.class);
    }

    @Test
    void anInvalidRequestIsRejectedWithAReasonAndPlacesNothing() {
        OrderRequest zero = new OrderRequest(ClientOrderId.of("bad-1"), Symbol.of("AAPL"), Side.BUY, Quantity.ZERO,
                OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none());
        OrderRequest noLimit = new OrderRequest(ClientOrderId.of("bad-2"), Symbol.of("AAPL"), Side.BUY,
                Quantity.of(1), OrderType.LIMIT, TimeInForce.DAY, Option.none(), Option.none());
        OrderRequest unknownSymbol = new OrderRequest(ClientOrderId.of("bad-3"), Symbol.of("ZZZZQ"), Side.BUY,
                Quantity.of(1), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none());

        for (OrderRequest bad : List.of(zero, noLimit, unknownSymbol)) {
            Either<BrokerFailure, BrokerOrder> answer = broker.submit(bad);
            assertThat(answer.isLeft()).as(bad.clientOrderId().value()).isTrue();
            assertThat(answer.getLeft()).isInstanceOf(BrokerFailure.Rejected.class);
            assertThat(((BrokerFailure.Rejected) answer.getLeft()).reason()).isNotBlank();
            assertThat(broker.orderByClientOrderId(bad.clientOrderId()).getLeft())
                    .isInstanceOf(BrokerFailure.NotFound.class);
        }
        assertThat(broker.openOrders().get().items()).isEmpty();
    }
}
