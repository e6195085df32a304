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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A broker whose answers the test writes in advance, per call. Unscripted calls behave like a well-behaved broker:
 * a submit is accepted as "new", a cancel is confirmed, a lookup finds what was accepted. Every call is recorded.
 */
public final class ScriptedBroker implements BrokerGateway {

    private static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

    private final Deque<Function<OrderRequest, Either<BrokerFailure, BrokerOrder>>> submits = new ArrayDeque<>();
    private final Deque<Either<BrokerFailure, BrokerOrder>> lookups = new ArrayDeque<>();
    private final Deque<Either<BrokerFailure, BrokerOrder>> cancels = new ArrayDeque<>();
    private final Map<ClientOrderId, BrokerOrder> accepted = new HashMap<>();
    private final java.util.List<String> calls = new ArrayList<>();
    private int nextId = 1;

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
            accept(request);
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

    public List<String> calls() {
        return List.ofAll(calls);
    }

    /** The broker's view of an order it accepted, in a given state. */
    public static BrokerOrder brokerOrder(OrderRequest request, String brokerId, OrderStatus status, String raw) {
        return new BrokerOrder(BrokerOrderId.of(brokerId), Option.some(request.clientOrderId()), request.symbol(),
                request.side(), request.quantity(), Quantity.ZERO, Option.<Price>none(), status, raw, Option.none(), AT);
    }

    /** The broker takes this request now (e.g. a first request that arrives late), outside any scripted answer. */
    public synchronized BrokerOrder acceptNow(OrderRequest request) {
        return accept(request);
    }

    private BrokerOrder accept(OrderRequest request) {
        BrokerOrder order = brokerOrder(request, "brk-" + nextId++, OrderStatus.SUBMITTED, "new");
        accepted.put(request.clientOrderId(), order);
        return order;
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> submit(OrderRequest request) {
        calls.add("submit " + request.clientOrderId());
        if (!submits.isEmpty()) {
            return submits.poll().apply(request);
        }
        if (accepted.containsKey(request.clientOrderId())) {
            return Either.left(new BrokerFailure.Rejected("client_order_id must be unique", Option.some("40010001")));
        }
        return Either.right(accept(request));
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> cancel(BrokerOrderId brokerOrderId) {
        calls.add("cancel " + brokerOrderId);
        if (!cancels.isEmpty()) {
            return cancels.poll();
        }
        return accepted.values().stream().filter(o -> o.brokerOrderId().equals(brokerOrderId)).findFirst()
                .map(o -> Either.<BrokerFailure, BrokerOrder>right(new BrokerOrder(o.brokerOrderId(), o.clientOrderId(),
                        o.symbol(), o.side(), o.quantity(), o.filledQuantity(), o.filledAvgPrice(),
                        OrderStatus.CANCELLED, "canceled", Option.none(), AT)))
                .orElse(Either.left(new BrokerFailure.NotFound("order " + brokerOrderId)));
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> orderById(BrokerOrderId brokerOrderId) {
        calls.add("orderById " + brokerOrderId);
        return accepted.values().stream().filter(o -> o.brokerOrderId().equals(brokerOrderId)).findFirst()
                .map(Either::<BrokerFailure, BrokerOrder>right)
                .orElse(Either.left(new BrokerFailure.NotFound("order " + brokerOrderId)));
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> orderByClientOrderId(ClientOrderId clientOrderId) {
        calls.add("orderByClientOrderId " + clientOrderId);
        if (!lookups.isEmpty()) {
            return lookups.poll();
        }
        return Option.of(accepted.get(clientOrderId)).toEither(
                () -> (BrokerFailure) new BrokerFailure.NotFound("client order id " + clientOrderId));
    }

    @Override
    public Either<BrokerFailure, Listing<BrokerOrder>> openOrders() {
        return Either.right(Listing.of(List.ofAll(accepted.values())));
    }

    @Override
    public Either<BrokerFailure, List<BrokerPosition>> positions() {
        return Either.right(List.empty());
    }

    @Override
    public Either<BrokerFailure, Listing<BrokerFill>> fillsSince(Instant since) {
        return Either.right(Listing.of(List.empty()));
    }
}
