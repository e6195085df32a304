package dev.tradingcore.application.support;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.port.OrderRequest;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A broker with state, for recovery and sync tests: the orders it works, the fills it executed (each moving its
 * position), and failures the test injects per call. Fills move the broker's position as a real account would.
 * Every call is recorded by name.
 */
public final class FakeBroker implements BrokerGateway {

    public static final BrokerFailure TIMEOUT = new BrokerFailure.Timeout(Duration.ofSeconds(2));

    private final Map<BrokerOrderId, BrokerOrder> orders = new LinkedHashMap<>();
    private final java.util.List<BrokerFill> fills = new ArrayList<>();
    private final Map<Symbol, BrokerPosition> positions = new TreeMap<>();
    private final Map<String, Deque<BrokerFailure>> nextFailures = new HashMap<>();
    private final Map<String, BrokerFailure> down = new HashMap<>();
    private final java.util.List<String> calls = new ArrayList<>();
    private final java.util.Set<TradeId> unpublished = new java.util.HashSet<>();
    private Runnable afterPositionsSnapshot = () -> {};
    private final Instant clock = Instant.parse("2025-10-21T14:30:00Z");

    /** The broker took our order (as the core sent it) and works it under {@code brokerId}. */
    public synchronized BrokerOrder accepted(Order ours, String brokerId) {
        BrokerOrder order = new BrokerOrder(BrokerOrderId.of(brokerId), Option.some(ours.clientOrderId()),
                ours.symbol(), ours.side(), ours.quantity(), Quantity.ZERO, Option.none(), OrderStatus.SUBMITTED,
                "new", Option.none(), clock);
        orders.put(order.brokerOrderId(), order);
        return order;
    }

    /** An order someone placed at the broker outside the core (a manual trade). */
    public synchronized BrokerOrder foreign(String brokerId, String symbol, Side side, String quantity) {
        BrokerOrder order = new BrokerOrder(BrokerOrderId.of(brokerId), Option.some(ClientOrderId.of("manual-"
                + brokerId)), Symbol.of(symbol), side, Quantity.of(quantity), Quantity.ZERO, Option.none(),
                OrderStatus.SUBMITTED, "new", Option.none(), clock);
        orders.put(order.brokerOrderId(), order);
        return order;
    }

    /** An execution of a working order: the order's filled quantity and status and the position move. */
    public synchronized BrokerFill fill(String brokerId, String tradeId, String quantity, String price,
            Instant executedAt) {
        BrokerOrder order = orders.get(BrokerOrderId.of(brokerId));
        BrokerFill fill = new BrokerFill(TradeId.of(tradeId), order.brokerOrderId(), order.symbol(), order.side(),
                Quantity.of(quantity), Price.of(price), BigDecimal.ZERO, Option.some(Liquidity.TAKER), executedAt);
        fills.add(fill);
        Quantity filled = order.filledQuantity().plus(fill.quantity());
        boolean complete = filled.compareTo(order.quantity()) == 0;
        orders.put(order.brokerOrderId(), new BrokerOrder(order.brokerOrderId(), order.clientOrderId(),
                order.symbol(), order.side(), order.quantity(), filled, Option.some(fill.price()),
                complete ? OrderStatus.FILLED : OrderStatus.PARTIAL_FILL, complete ? "filled" : "partially_filled",
                Option.none(), executedAt));
        move(order.symbol(), order.side() == Side.BUY ? fill.quantity().value() : fill.quantity().value().negate(),
                fill.price().value());
        return fill;
    }

    /**
     * An execution the activity feed does not show yet (a broker publishing late): the order view and the position
     * include it, {@code fillsSince} does not until {@link #publish}.
     */
    public synchronized BrokerFill fillPublishedLater(String brokerId, String tradeId, String quantity, String price,
            Instant executedAt) {
        BrokerFill fill = fill(brokerId, tradeId, quantity, price, executedAt);
        unpublished.add(fill.tradeId());
        return fill;
    }

    /** The feed now shows the execution. */
    public synchronized void publish(String tradeId) {
        unpublished.remove(TradeId.of(tradeId));
    }

    /** The broker reports the order in another state (cancelled, expired, or one we cannot map). */
    public synchronized void report(String brokerId, OrderStatus status, String raw) {
        BrokerOrder order = orders.get(BrokerOrderId.of(brokerId));
        orders.put(order.brokerOrderId(), new BrokerOrder(order.brokerOrderId(), order.clientOrderId(),
                order.symbol(), order.side(), order.quantity(), order.filledQuantity(), order.filledAvgPrice(), status,
                raw, Option.none(), order.updatedAt()));
    }

    /** Sets the broker's position outright (a position the core never traded: a transfer, a corporate action). */
    public synchronized void holds(String symbol, String quantity, String averagePrice) {
        positions.put(Symbol.of(symbol), BrokerPosition.of(symbol, quantity, averagePrice));
    }

    /** The next call of {@code method} fails (once per call to this). */
    public synchronized FakeBroker failNext(String method, BrokerFailure failure) {
        nextFailures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(failure);
        return this;
    }

    /** Every call of {@code method} fails until {@link #heal}. */
    public synchronized FakeBroker failAlways(String method, BrokerFailure failure) {
        down.put(method, failure);
        return this;
    }

    public synchronized void heal(String method) {
        down.remove(method);
    }

    /** Runs after the next positions snapshot is taken and before it is returned: an execution landing meanwhile. */
    public synchronized void afterNextPositionsSnapshot(Runnable action) {
        afterPositionsSnapshot = action;
    }

    public synchronized List<String> calls() {
        return List.ofAll(calls);
    }

    public synchronized int callsOf(String method) {
        return (int) calls.stream().filter(method::equals).count();
    }

    private void move(Symbol symbol, BigDecimal signed, BigDecimal price) {
        BrokerPosition held = positions.get(symbol);
        BigDecimal quantity = held == null ? BigDecimal.ZERO : held.quantity();
        BigDecimal average = held == null || held.averageEntryPrice().isEmpty() ? price
                : held.averageEntryPrice().get().value();
        BigDecimal next = quantity.add(signed);
        if (next.signum() == 0) {
            positions.remove(symbol);
            return;
        }
        if (quantity.signum() == 0 || quantity.signum() != next.signum()) {
            average = price;
        } else if (quantity.signum() == signed.signum()) {
            average = quantity.multiply(average).add(signed.multiply(price)).divide(next, 8, RoundingMode.HALF_EVEN);
        }
        positions.put(symbol, new BrokerPosition(symbol, next.setScale(8), Option.some(Price.of(average))));
    }

    private <T> Either<BrokerFailure, T> call(String method, java.util.function.Supplier<Either<BrokerFailure, T>> answer) {
        calls.add(method);
        if (down.containsKey(method)) {
            return Either.left(down.get(method));
        }
        Deque<BrokerFailure> failures = nextFailures.get(method);
        if (failures != null && !failures.isEmpty()) {
            return Either.left(failures.poll());
        }
        return answer.get();
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> submit(OrderRequest request) {
        return call("submit", () -> Either.left(new BrokerFailure.Rejected("not scripted", Option.none())));
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> cancel(BrokerOrderId brokerOrderId) {
        return call("cancel", () -> {
            BrokerOrder order = orders.get(brokerOrderId);
            if (order == null) {
                return Either.left(new BrokerFailure.NotFound("order " + brokerOrderId));
            }
            if (!order.status().isOpen()) {
                return Either.left(new BrokerFailure.Rejected("order is not cancelable", Option.none()));
            }
            report(brokerOrderId.value(), OrderStatus.CANCELLED, "canceled");
            return Either.right(orders.get(brokerOrderId));
        });
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> orderById(BrokerOrderId brokerOrderId) {
        return call("orderById", () -> Option.of(orders.get(brokerOrderId))
                .toEither(() -> new BrokerFailure.NotFound("order " + brokerOrderId)));
    }

    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> orderByClientOrderId(ClientOrderId clientOrderId) {
        return call("orderByClientOrderId", () -> List.ofAll(orders.values())
                .find(o -> o.clientOrderId().contains(clientOrderId))
                .toEither(() -> new BrokerFailure.NotFound("client order id " + clientOrderId)));
    }

    @Override
    public synchronized Either<BrokerFailure, Listing<BrokerOrder>> openOrders() {
        return call("openOrders", () -> Either.right(Listing.of(List.ofAll(orders.values())
                .filter(o -> o.status().isOpen()))));
    }

    @Override
    public synchronized Either<BrokerFailure, List<BrokerPosition>> positions() {
        Either<BrokerFailure, List<BrokerPosition>> snapshot =
                call("positions", () -> Either.right(List.ofAll(positions.values())));
        Runnable after = afterPositionsSnapshot;
        afterPositionsSnapshot = () -> {};
        after.run();
        return snapshot;
    }

    @Override
    public synchronized Either<BrokerFailure, Listing<BrokerFill>> fillsSince(Instant since) {
        return call("fillsSince", () -> Either.right(Listing.of(List.ofAll(fills)
                .filter(f -> !f.executedAt().isBefore(since) && !unpublished.contains(f.tradeId()))
                .sortBy(BrokerFill::executedAt))));
    }
}
