package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.port.OrderRequest;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The broker port served in-process by a {@link SimulatedExchange}: direct calls, plus the latency and faults of a
 * {@link FaultPlan}. Prices move only when someone calls {@link #step()} (a test, a backtest loop, or a scheduler of
 * the embedding), which keeps runs deterministic.
 *
 * <p>With a {@link StateFile}, the exchange is saved after every call that changed it, so a process that restarts
 * with the same file continues with the same orders, fills and positions.
 */
public final class SimulatedBroker implements BrokerGateway, dev.tradingcore.domain.port.PriceSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SimulatedExchange exchange;
    private final FaultPlan faults;
    private final Option<StateFile> stateFile;
    private long savedVersion = -1;

    public SimulatedBroker(SimulatedExchange exchange, FaultPlan faults, Option<StateFile> stateFile) {
        if (exchange == null || faults == null || stateFile == null) {
            throw new IllegalArgumentException("a simulated broker needs an exchange, a fault plan and an optional "
                    + "state file");
        }
        this.exchange = exchange;
        this.faults = faults;
        this.stateFile = stateFile;
    }

    /** A fault-free broker over a new simulation. */
    public static SimulatedBroker create(SimulationConfig config, Clock clock) {
        return new SimulatedBroker(SimulatedExchange.start(config, clock), FaultPlan.none(), Option.none());
    }

    /**
     * A fault-free broker whose simulation lives in {@code stateFile}: restored when it exists, saved on change. A new
     * simulation is saved at once, so that its account is the same at the next start even if nothing happened.
     */
    public static SimulatedBroker persistent(SimulationConfig config, Clock clock, StateFile stateFile) {
        boolean existed = java.nio.file.Files.exists(stateFile.path());
        SimulatedBroker broker = new SimulatedBroker(stateFile.open(config, clock), FaultPlan.none(),
                Option.some(stateFile));
        if (existed) {
            broker.savedVersion = broker.exchange.version();
        } else {
            broker.save();
        }
        return broker;
    }

    public SimulatedExchange exchange() {
        return exchange;
    }

    public FaultPlan faults() {
        return faults;
    }

    /** Moves prices one step and matches open orders; returns the number of fills. */
    public int step() {
        int fills = exchange.step().size();
        save();
        return fills;
    }

    /** Saves the exchange now if it changed since the last save (no-op without a state file). */
    public synchronized void save() {
        if (stateFile.isDefined() && exchange.version() != savedVersion) {
            long version = exchange.version();
            stateFile.get().save(exchange.snapshot());
            savedVersion = version;
        }
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> submit(OrderRequest request) {
        return call(Operation.SUBMIT, () -> exchange.submit(new NewOrder(Option.some(request.clientOrderId().value()),
                request.symbol().value(), request.side(), request.quantity().value(), request.type(),
                request.timeInForce(), request.limitPrice().map(Price::value), request.stopPrice().map(Price::value)))
                .mapLeft(SimulatedBroker::failure).map(SimulatedBroker::toBrokerOrder));
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> cancel(BrokerOrderId brokerOrderId) {
        return call(Operation.CANCEL, () -> exchange.cancel(brokerOrderId.value()).mapLeft(SimulatedBroker::failure)
                .map(SimulatedBroker::toBrokerOrder));
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> orderById(BrokerOrderId brokerOrderId) {
        return call(Operation.ORDER_BY_ID, () -> exchange.order(brokerOrderId.value())
                .map(SimulatedBroker::toBrokerOrder)
                .toEither(() -> new BrokerFailure.NotFound("order " + brokerOrderId)));
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> orderByClientOrderId(ClientOrderId clientOrderId) {
        return call(Operation.ORDER_BY_CLIENT_ORDER_ID, () -> exchange.orderByClientOrderId(clientOrderId.value())
                .map(SimulatedBroker::toBrokerOrder)
                .toEither(() -> new BrokerFailure.NotFound("client order id " + clientOrderId)));
    }

    @Override
    public Either<BrokerFailure, Listing<BrokerOrder>> openOrders() {
        return call(Operation.OPEN_ORDERS, () -> Either.right(Listing.of(exchange.openOrders()
                .map(SimulatedBroker::toBrokerOrder))));
    }

    @Override
    public Either<BrokerFailure, List<BrokerPosition>> positions() {
        return call(Operation.POSITIONS, () -> Either.right(exchange.positions().map(position -> new BrokerPosition(
                position.symbol(), position.quantity().setScale(8), Option.some(Price.of(position.averageEntryPrice()))))));
    }

    @Override
    public Either<BrokerFailure, Listing<BrokerFill>> fillsSince(Instant since) {
        return call(Operation.FILLS, () -> Either.right(Listing.of(exchange.fills()
                .filter(fill -> !fill.executedAt().isBefore(since)).map(SimulatedBroker::toBrokerFill))));
    }

    /** The simulation's account: random for a new simulation, kept in its state file. */
    /** The simulation's price feed: every instrument's current price. */
    @Override
    public Either<BrokerFailure, io.vavr.collection.List<dev.tradingcore.domain.marketdata.Quote>> latestPrices(
            Instant seenAt) {
        return Either.right(exchange.prices().toList().map(e -> dev.tradingcore.domain.marketdata.Quote.last(e._1,
                seenAt, dev.tradingcore.domain.common.Price.of(e._2))));
    }

    @Override
    public Either<BrokerFailure, Option<String>> account() {
        return Either.right(Option.some(exchange.accountId()));
    }

    private <T> Either<BrokerFailure, T> call(Operation operation, Supplier<Either<BrokerFailure, T>> work) {
        pause(faults.latency());
        Option<Fault> fault = faults.next(operation);
        if (fault.isDefined()) {
            switch (fault.get()) {
                case TIMEOUT -> {
                    return Either.left(new BrokerFailure.Timeout(TIMEOUT));
                }
                case SERVER_ERROR -> {
                    return Either.left(new BrokerFailure.ServerError(503, "injected fault: service unavailable"));
                }
                case RATE_LIMITED -> {
                    return Either.left(new BrokerFailure.RateLimited(Option.some(Duration.ofSeconds(1))));
                }
                case RESPONSE_DROPPED -> {
                    work.get();
                    save();
                    return Either.left(new BrokerFailure.Timeout(TIMEOUT));
                }
                default -> throw new IllegalStateException("unhandled fault " + fault.get());
            }
        }
        Either<BrokerFailure, T> answer = work.get();
        save();
        return answer;
    }

    private static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static BrokerFailure failure(Refusal refusal) {
        if (refusal.status() == 404) {
            return new BrokerFailure.NotFound(refusal.message());
        }
        return new BrokerFailure.Rejected(refusal.message(), Option.some(Long.toString(refusal.code())));
    }

    /** The port's view of a simulated order. */
    public static BrokerOrder toBrokerOrder(SimOrder order) {
        return new BrokerOrder(BrokerOrderId.of(order.id()), Option.some(ClientOrderId.of(order.clientOrderId())),
                order.symbol(), order.side(), Quantity.of(order.quantity()), Quantity.of(order.filledQuantity()),
                order.filledAveragePrice().map(Price::of), order.status().toOrderStatus(),
                order.status().alpacaCode(), Option.none(), order.updatedAt());
    }

    /** The port's view of a simulated fill: the execution id is the trade id. */
    public static BrokerFill toBrokerFill(SimFill fill) {
        return new BrokerFill(TradeId.of(fill.executionId()), BrokerOrderId.of(fill.orderId()), fill.symbol(),
                fill.side(), Quantity.of(fill.quantity()), Price.of(fill.price()), fill.commission(),
                Option.some(fill.liquidity()), fill.executedAt());
    }
}
