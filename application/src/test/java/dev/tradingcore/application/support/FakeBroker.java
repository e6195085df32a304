package dev.tradingcore.application.support;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.order.OrderType;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * Every call is recorded by name. It also takes orders ({@link #submit}) and fills open market orders when its market
 * moves ({@link #step}), so that it keeps the broker contract ({@code FakeBrokerContractTest}).
 */
public final class FakeBroker implements BrokerGateway {

    /** The price at which the first {@link #step} fills market orders; each later step's is 0.25 higher. */
    public static final Price MARKET_PRICE = Price.of("100.00");
    private static final BigDecimal TICK = new BigDecimal("0.25");

    public static final BrokerFailure TIMEOUT = new BrokerFailure.Timeout(Duration.ofSeconds(2));

    private final Map<BrokerOrderId, BrokerOrder> orders = new LinkedHashMap<>();
    private final java.util.List<BrokerFill> fills = new ArrayList<>();
    private final Map<Symbol, BrokerPosition> positions = new TreeMap<>();
    private final Map<String, Deque<BrokerFailure>> nextFailures = new HashMap<>();
    private final Map<String, BrokerFailure> down = new HashMap<>();
    private final java.util.List<String> calls = new ArrayList<>();
    private final java.util.Set<TradeId> unpublished = new java.util.HashSet<>();
    private Runnable afterPositionsSnapshot = () -> {};
    private Runnable afterFillsRead = () -> {};
    private Runnable afterClientOrderIdLookup = () -> {};
    private final java.util.Set<Symbol> listedTwice = new java.util.HashSet<>();
    private final Clock time;
    private final Instant clock;
    private final java.util.Set<Symbol> tradable = new java.util.HashSet<>();
    private Option<BigDecimal> fillPerStep = Option.none();
    private int nextOrder = 1;
    private Option<String> account = Option.none();
    private String orderIdPrefix = "fake-";
    private int nextFill = 1;
    private int steps;
    /** The orders taken as market orders: what {@link #step} fills. */
    private final java.util.Set<BrokerOrderId> market = new java.util.HashSet<>();

    /** A broker whose own times (order updates, fills of {@link #step}) are 2025-10-21T14:30:00Z. */
    public FakeBroker() {
        this(Clock.fixed(Instant.parse("2025-10-21T14:30:00Z"), ZoneOffset.UTC));
    }

    public FakeBroker(Clock clock) {
        this.time = clock;
        this.clock = clock.instant();
    }

    /** Takes orders for these symbols only (any symbol by default); others are refused as an unknown asset. */
    public synchronized FakeBroker tradingOnly(String... symbols) {
        for (String symbol : symbols) {
            tradable.add(Symbol.of(symbol));
        }
        return this;
    }

    /** The broker order ids {@link #submit} gives: the prefix, then 1, 2, 3... ({@code fake-} by default). */
    public synchronized FakeBroker withOrderIds(String prefix) {
        orderIdPrefix = prefix;
        return this;
    }

    /** {@link #step} fills at most this much of an order (all of it by default). */
    public synchronized FakeBroker fillingAtMost(String quantity) {
        fillPerStep = Option.some(new BigDecimal(quantity));
        return this;
    }

    /**
     * The market moves: every open market order fills, up to the per-step limit, at the step's price
     * ({@link #MARKET_PRICE}, then 0.25 higher each step), at the clock's time. Limit and stop orders rest.
     */
    public synchronized void step() {
        BigDecimal price = MARKET_PRICE.value().add(TICK.multiply(BigDecimal.valueOf(steps++)));
        for (BrokerOrder order : List.ofAll(orders.values())) {
            if (!order.status().isOpen() || !market.contains(order.brokerOrderId())) {
                continue;
            }
            BigDecimal remaining = order.quantity().value().subtract(order.filledQuantity().value());
            BigDecimal slice = fillPerStep.map(remaining::min).getOrElse(remaining);
            fill(order.brokerOrderId().value(), "fake-fill-" + nextFill++, slice.toPlainString(),
                    price.toPlainString(), time.instant());
        }
    }

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

    /** Names its account {@code id} (by default it names none, as a gateway that cannot say). */
    public synchronized FakeBroker withAccount(String id) {
        account = Option.some(id);
        return this;
    }

    @Override
    public synchronized Either<BrokerFailure, Option<String>> account() {
        return call("account", () -> Either.right(account));
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

    /**
     * Runs after the next lookup by client order id is answered, before the caller sees the answer: the market (or a
     * fill pushed to the core) moving on between the broker's answer and what the caller does with it.
     */
    public synchronized void afterNextClientOrderIdLookup(Runnable action) {
        afterClientOrderIdLookup = action;
    }

    /** A broken positions answer: {@code symbol}'s position listed twice. */
    public synchronized void listsPositionTwice(String symbol) {
        listedTwice.add(Symbol.of(symbol));
    }

    /** Runs after the next fills read is answered: the feed moving on while the core reads it. */
    public synchronized void afterNextFillsRead(Runnable action) {
        afterFillsRead = action;
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

    /**
     * Takes the order as a broker would: refused when its client order id was used, its quantity is zero, a limit
     * or stop price it needs is missing, or its symbol is not traded here; otherwise worked as "new".
     */
    @Override
    public synchronized Either<BrokerFailure, BrokerOrder> submit(OrderRequest request) {
        return call("submit", () -> {
            if (List.ofAll(orders.values()).exists(o -> o.clientOrderId().contains(request.clientOrderId()))) {
                return rejected("client_order_id must be unique");
            }
            if (!request.quantity().isPositive()) {
                return rejected("qty must be > 0");
            }
            if (request.type().needsLimitPrice() && request.limitPrice().isEmpty()) {
                return rejected("limit_price is required for a " + request.type().code() + " order");
            }
            if (request.type().needsStopPrice() && request.stopPrice().isEmpty()) {
                return rejected("stop_price is required for a " + request.type().code() + " order");
            }
            if (!tradable.isEmpty() && !tradable.contains(request.symbol())) {
                return rejected("asset \"" + request.symbol() + "\" not found");
            }
            return Either.right(take(request));
        });
    }

    /** The broker takes the request as it is, unchecked and unrecorded (a test's script: an answer that was lost). */
    public synchronized BrokerOrder take(OrderRequest request) {
        BrokerOrder order = new BrokerOrder(BrokerOrderId.of(orderIdPrefix + nextOrder++),
                Option.some(request.clientOrderId()), request.symbol(), request.side(), request.quantity(),
                Quantity.ZERO, Option.none(), OrderStatus.SUBMITTED, "new", Option.none(), time.instant());
        orders.put(order.brokerOrderId(), order);
        if (request.type() == OrderType.MARKET) {
            market.add(order.brokerOrderId());
        }
        return order;
    }

    private static Either<BrokerFailure, BrokerOrder> rejected(String reason) {
        return Either.left(new BrokerFailure.Rejected(reason, Option.some("40010001")));
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
        Either<BrokerFailure, BrokerOrder> answer = call("orderByClientOrderId", () -> List.ofAll(orders.values())
                .find(o -> o.clientOrderId().contains(clientOrderId))
                .toEither(() -> new BrokerFailure.NotFound("client order id " + clientOrderId)));
        Runnable after = afterClientOrderIdLookup;
        afterClientOrderIdLookup = () -> {};
        after.run();
        return answer;
    }

    @Override
    public synchronized Either<BrokerFailure, Listing<BrokerOrder>> openOrders() {
        return call("openOrders", () -> Either.right(Listing.of(List.ofAll(orders.values())
                .filter(o -> o.status().isOpen()))));
    }

    @Override
    public synchronized Either<BrokerFailure, List<BrokerPosition>> positions() {
        Either<BrokerFailure, List<BrokerPosition>> snapshot =
                call("positions", () -> Either.right(List.ofAll(positions.values()).appendAll(
                        List.ofAll(positions.values()).filter(p -> listedTwice.contains(p.symbol())))));
        Runnable after = afterPositionsSnapshot;
        afterPositionsSnapshot = () -> {};
        after.run();
        return snapshot;
    }

    @Override
    public synchronized Either<BrokerFailure, Listing<BrokerFill>> fillsSince(Instant since) {
        Either<BrokerFailure, Listing<BrokerFill>> read = call("fillsSince", () -> Either.right(Listing.of(
                List.ofAll(fills).filter(f -> !f.executedAt().isBefore(since) && !unpublished.contains(f.tradeId()))
                        .sortBy(BrokerFill::executedAt))));
        Runnable after = afterFillsRead;
        afterFillsRead = () -> {};
        after.run();
        return read;
    }
}
