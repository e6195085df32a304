package dev.tradingcore.application.support;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.port.OrderRequest;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.function.Function;

/**
 * A broker whose answers the test writes in advance, per call. Unscripted calls are a well-behaved broker's: a
 * {@link FakeBroker} (broker order ids {@code brk-1}, {@code brk-2}...) takes the order as "new" or refuses it as a
 * broker would, confirms a cancel, finds what it took, and fills market orders when the test moves its market
 * ({@link #step}); so that, unscripted, it keeps the broker contract ({@code ScriptedBrokerContractTest}). Every call
 * is recorded.
 */
public final class ScriptedBroker implements BrokerGateway {

    private static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

    private final Deque<Function<OrderRequest, Either<BrokerFailure, BrokerOrder>>> submits = new ArrayDeque<>();
    private final Deque<Either<BrokerFailure, BrokerOrder>> lookups = new ArrayDeque<>();
    private final Deque<Either<BrokerFailure, BrokerOrder>> cancels = new ArrayDeque<>();
    private final FakeBroker market;
    private final java.util.List<String> calls = new ArrayList<>();

    /** A broker whose orders are stamped 2026-11-23T15:00:00Z. */
    public ScriptedBroker() {
        this(Clock.fixed(AT, ZoneOffset.UTC));
    }

    public ScriptedBroker(Clock clock) {
        this.market = new FakeBroker(clock).withOrderIds("brk-");
    }

    /** Takes orders for these symbols only (any symbol by default). */
    public ScriptedBroker tradingOnly(String... symbols) {
        market.tradingOnly(symbols);
        return this;
    }

    /** Fills at most this much of an order per {@link #step} (all of it by default). */
    public ScriptedBroker fillingAtMost(String quantity) {
        market.fillingAtMost(quantity);
        return this;
    }

    /** The market moves: open market orders fill ({@link FakeBroker#step}). */
    public void step() {
        market.step();
    }

    public ScriptedBroker thenSubmit(Function<OrderRequest, Either<BrokerFailure, BrokerOrder>> answer) {
        submits.add(answer);
        return this;
    }

    public ScriptedBroker thenSubmitFails(BrokerFailure failure) {
        return thenSubmit(request -> Either.left(failure));
    }

    /** The broker takes the order but its answer is lost: a later lookup by client order id finds it. */
    public ScriptedBroker thenSubmitAcceptedButAnswerLost(BrokerFailure failure) {
        return thenSubmit(request -> {
            market.take(request);
            return Either.left(failure);
        });
    }

    public ScriptedBroker thenLookup(Either<BrokerFailure, BrokerOrder> answer) {
        lookups.add(answer);
        return this;
    }

    public ScriptedBroker thenCancel(Either<BrokerFailure, BrokerOrder> answer) {
        cancels.add(answer);
        return this;
    }

    public synchronized List<String> calls() {
        return List.ofAll(calls);
    }

    /** The broker's view of an order it accepted, in a given state. */
    public static BrokerOrder brokerOrder(OrderRequest request, String brokerId, OrderStatus status, String raw) {
        return new BrokerOrder(BrokerOrderId.of(brokerId), Option.some(request.clientOrderId()), request.symbol(),
                request.side(), request.quantity(), Quantity.ZERO, Option.<Price>none(), status, raw, Option.none(), AT);
    }

    /** The broker takes this request now (e.g. a first request that arrives late), outside any scripted answer. */
    public synchronized BrokerOrder acceptNow(OrderRequest request) {
        return market.take(request);
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> submit(OrderRequest request) {
        calls.add("submit " + request.clientOrderId());
        if (!submits.isEmpty()) {
            return submits.poll().apply(request);
        }
        return market.submit(request);
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> cancel(BrokerOrderId brokerOrderId) {
        calls.add("cancel " + brokerOrderId);
        if (!cancels.isEmpty()) {
            return cancels.poll();
        }
        return market.cancel(brokerOrderId);
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> orderById(BrokerOrderId brokerOrderId) {
        calls.add("orderById " + brokerOrderId);
        return market.orderById(brokerOrderId);
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> orderByClientOrderId(ClientOrderId clientOrderId) {
        calls.add("orderByClientOrderId " + clientOrderId);
        if (!lookups.isEmpty()) {
            return lookups.poll();
        }
        return market.orderByClientOrderId(clientOrderId);
    }

    @Override
    public Either<BrokerFailure, Listing<BrokerOrder>> openOrders() {
        return market.openOrders();
    }

    @Override
    public Either<BrokerFailure, List<BrokerPosition>> positions() {
        return market.positions();
    }

    @Override
    public Either<BrokerFailure, Listing<BrokerFill>> fillsSince(Instant since) {
        return market.fillsSince(since);
    }
}
