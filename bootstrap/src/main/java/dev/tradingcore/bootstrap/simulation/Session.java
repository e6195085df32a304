package dev.tradingcore.bootstrap.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingcore.adapters.broker.alpaca.AlpacaBroker;
import dev.tradingcore.adapters.broker.alpaca.AlpacaSettings;
import dev.tradingcore.adapters.broker.alpaca.AlpacaTransport;
import dev.tradingcore.adapters.broker.paper.InProcessTransport;
import dev.tradingcore.adapters.broker.paper.TraderApi;
import dev.tradingcore.adapters.broker.simulated.ExchangeIds;
import dev.tradingcore.adapters.broker.simulated.Instrument;
import dev.tradingcore.adapters.broker.simulated.NewOrder;
import dev.tradingcore.adapters.broker.simulated.SimFill;
import dev.tradingcore.adapters.broker.simulated.SimOrder;
import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.application.core.CoreAssembly;
import dev.tradingcore.application.core.CorePorts;
import dev.tradingcore.application.core.CoreSettings;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.application.sync.BrokerSync;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.risk.RiskLimits;
import io.vavr.collection.HashSet;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One simulated session: a market, a broker at its worst, and the core trading through it with a generated strategy,
 * crashing and restarting; at the end the broker goes quiet, a restarted core syncs, and the session is checked
 * against the broker's truth ({@link SessionCheck}).
 *
 * <p>Everything random comes from the seed (the strategy, the market, the faults, the crashes, the clock), and
 * everything runs on this thread, so a seed replays the same session. The core's "other threads" (the broker sync,
 * a cancel while a submit waits for its answer, the broker's stream of fills and order updates) run when the seed
 * says, interleaved at the moments a real thread could interleave: between port calls, and while an answer is slow.
 */
final class Session {

    static final String KEY_ID = "simulated-key";
    static final String SECRET = "simulated-secret";
    static final List<Symbol> OURS = List.of(Symbol.of("AAPL"), Symbol.of("MSFT"), Symbol.of("TSLA"));
    /** Another application trades this symbol on the same account: fills of orders that are not ours. */
    static final Symbol FOREIGN = Symbol.of("SPY");
    static final String FOREIGN_PREFIX = "foreign-";
    static final Instant START = Instant.parse("2026-03-02T14:30:00Z");
    /** How much later than its execution the activity feed may publish a fill: well beyond the sync's overlap. */
    static final Duration MAX_PUBLICATION_DELAY = Duration.ofSeconds(90);
    private static final RiskLimits LIMITS = new RiskLimits(Money.of("10000000.00"), Money.of("10000000.00"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param steps how many actions the strategy and the world take before the quiet end
     * @param faults the kinds this run may inject
     */
    record Options(long seed, int steps, Set<FaultKind> faults, boolean trace) {

        Options(long seed, int steps, Set<FaultKind> faults) {
            this(seed, steps, faults, false);
        }
    }

    private final Options options;
    private final Random strategy;
    private final Random world;
    private final SimulatedClock clock;
    private final SimulatedExchange exchange;
    private final FaultCounts faults = new FaultCounts();
    private final BrokerFaults brokerFaults;
    private final CrashPlan crash;
    /** Every alert, with the number of the core process that raised it. */
    private final List<SessionCheck.SeenAlert> alerts = new ArrayList<>();
    /** Alerts the session's anomalies call for, by title, with what called for each. */
    private final Map<String, String> expectedAlerts = new LinkedHashMap<>();
    /** Anomalies met by the sync round under way: expected to be alerted once the round ends (not if it crashed). */
    private final Map<String, String> roundAnomalies = new LinkedHashMap<>();
    private final SimulationStore store;
    private final AlpacaBroker broker;
    private final boolean latePublication;
    private final boolean foreignActivity;
    private final Map<String, Instant> publishAt = new HashMap<>();
    private final List<String> deferredCancels = new ArrayList<>();
    private final Map<String, List<BrokerOrder>> statusHistory = new LinkedHashMap<>();
    private final java.util.Set<String> pushedFills = new java.util.HashSet<>();
    private final List<String> escaped = new ArrayList<>();
    private final Map<String, Integer> outcomes = new java.util.TreeMap<>();
    /** What happened, step by step, when the session is traced (a replay of a failing seed). */
    private final List<String> trace = new ArrayList<>();
    private boolean quiet;
    private long orderIds;
    private long foreignIds;

    private CoreAssembly core;
    private BrokerSync sync;
    private boolean starting;
    private boolean syncing;
    private int meanwhileDepth;
    private int restarts;
    private int starts;
    private boolean configured;

    Session(Options options, SimulationStore store) {
        this.options = options;
        this.store = store;
        Random seeds = new Random(options.seed());
        this.strategy = new Random(seeds.nextLong());
        this.world = new Random(seeds.nextLong());
        Random faultRandom = new Random(seeds.nextLong());
        this.clock = new SimulatedClock(START);
        SimulationConfig config = SimulationConfig.defaults(options.seed())
                .withInstruments(io.vavr.collection.List.of(Instrument.of("AAPL", "190.00"),
                        Instrument.of("MSFT", "410.00"), Instrument.of("TSLA", "250.00"),
                        Instrument.of("SPY", "520.00")))
                .withVolatilityBasisPoints(5 + world.nextInt(40))
                .withMatchOnSubmit(world.nextBoolean());
        if (options.faults().contains(FaultKind.PARTIAL_FILL) && world.nextBoolean()) {
            config = config.withMaxFillPerStep(Quantity.of(BigDecimal.valueOf(1 + world.nextInt(25))));
        }
        // Ids from the seed: a session replays exactly, ids included (its exchange lives in this process only).
        this.exchange = SimulatedExchange.start(config, clock, ExchangeIds.seeded(options.seed()));
        this.latePublication = options.faults().contains(FaultKind.LATE_PUBLICATION) && world.nextBoolean();
        this.foreignActivity = options.faults().contains(FaultKind.FOREIGN_FILL) && world.nextInt(4) == 0;
        this.brokerFaults = new BrokerFaults(faultRandom, options.faults(), faults);
        this.crash = new CrashPlan(new Random(seeds.nextLong()));
        TraderApi api = new TraderApi(exchange, KEY_ID, SECRET, START, this::published);
        AlpacaTransport transport = new HostileTransport(new InProcessTransport(api), brokerFaults, clock,
                faultRandom, this::meanwhile, deferredCancels::add, this::injected);
        this.broker = new AlpacaBroker(AlpacaSettings.of(URI.create("http://simulated-broker"), KEY_ID, SECRET),
                transport);
    }

    // ---------------------------------------------------------------------------------------------------- running

    SessionResult run() {
        long started = System.nanoTime();
        List<String> violations = new ArrayList<>();
        try {
            start();
            for (int step = 0; step < options.steps(); step++) {
                try {
                    act();
                } catch (SimulatedCrash crashed) {
                    faults.add(FaultKind.CORE_CRASH);
                    trace("CRASH " + crashed.getMessage());
                    start();
                }
            }
            goQuiet();
            violations.addAll(new SessionCheck(exchange, store.contents(), alerts, expectedAlerts, FOREIGN,
                    FOREIGN_PREFIX).violations());
        } catch (SessionAborted aborted) {
            violations.add(aborted.getMessage());
        }
        violations.addAll(0, escaped);
        if (options.trace() && !trace.isEmpty()) {
            violations.add("trace:\n      " + String.join("\n      ", trace));
        }
        int fills = exchange.fills().count(f -> !f.clientOrderId().startsWith(FOREIGN_PREFIX));
        exchange.fills().filter(f -> f.clientOrderId().startsWith(FOREIGN_PREFIX))
                .forEach(f -> faults.add(FaultKind.FOREIGN_FILL));
        exchange.fills().groupBy(SimFill::orderId).values().filter(group -> group.size() > 1)
                .forEach(group -> faults.add(FaultKind.PARTIAL_FILL));
        return new SessionResult(options.seed(), store.describe(), faults, fills,
                (int) exchange.orders().count(o -> !o.clientOrderId().startsWith(FOREIGN_PREFIX)), starts, violations,
                brokerFaults.rates(), outcomes, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The session cannot go on (the core never starts); reported as a violation. */
    private static final class SessionAborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionAborted(String message) {
            super(message, null, false, false);
        }
    }

    private CoreSettings settings() {
        Supplier<OrderId> ids = () -> OrderId.of(UUID.nameUUIDFromBytes((options.seed() + "/" + ++orderIds)
                .getBytes(StandardCharsets.UTF_8)).toString());
        // The simulated clock does not move while recovery pauses for quiet: read the fills three times at once, as
        // the simulator's sessions always did, instead of waiting on the wall clock.
        CoreSettings defaults = CoreSettings.defaults(Money.of("1000000.00")).withNewOrderId(ids);
        return defaults.withRecovery(defaults.recovery().withFillReads(3, java.time.Duration.ZERO));
    }

    /** A new core process over what the store holds: start-up recovery, then the sync from where it stopped. */
    private void start() {
        for (int attempt = 1; attempt <= 100; attempt++) {
            try {
                startOnce();
                return;
            } catch (SimulatedCrash crashed) {
                faults.add(FaultKind.CORE_CRASH);
            } catch (RuntimeException unexpected) {
                escaped("start-up", unexpected);
                throw new SessionAborted("the core could not start: " + unexpected);
            }
        }
        throw new SessionAborted("the core crashed in each of 100 starts");
    }

    private void startOnce() {
        core = null;
        sync = null;
        starts++;
        starting = true;
        try {
            BrokerGateway gateway = crash.wrap(BrokerGateway.class, broker);
            int process = starts;
            CorePorts ports = store.ports(gateway, alert -> alerts.add(new SessionCheck.SeenAlert(process, alert)),
                    crash, clock);
            if (options.trace()) {
                ports = traced(ports);
            }
            CoreAssembly assembly = new CoreAssembly(ports, settings(), clock);
            assembly.controls().reload();
            if (!configured) {
                // The first start of the account: limits far from the strategy's sizes, trading on.
                assembly.controls().setRiskLimits(LIMITS);
                assembly.controls().turn(true, "simulated session " + options.seed());
                configured = true;
            }
            RecoveryReport report = assembly.startupRecovery().recover();
            trace("started: " + report.summary().mkString("; "));
            core = assembly;
            sync = assembly.brokerSync(report.syncFrom());
        } finally {
            starting = false;
        }
    }

    private void trace(String event) {
        if (options.trace()) {
            trace.add(clock.instant() + " " + event);
        }
    }

    /** The ports with every fill booking and position correction written to the trace. */
    private CorePorts traced(CorePorts ports) {
        dev.tradingcore.domain.fill.FillJournal fills = ports.fillJournal();
        dev.tradingcore.domain.fill.FillJournal tracedFills = (trade, booking) -> {
            var result = fills.record(trade, booking);
            trace("  journal " + trade.tradeId() + " " + trade.side().code() + " " + trade.quantity() + " "
                    + trade.symbol() + " @ " + trade.price() + " executed " + trade.timestamp() + " -> " + result.fold(
                            r -> "refused " + r.code(), r -> switch (r) {
                                case dev.tradingcore.domain.fill.FillRecording.Recorded rec -> "recorded "
                                        + rec.sequence() + ", position " + rec.positionAfter().quantity()
                                        .stripTrailingZeros().toPlainString();
                                default -> r.getClass().getSimpleName();
                            }));
            return result;
        };
        dev.tradingcore.domain.reconciliation.PositionCorrections corrections = ports.corrections();
        dev.tradingcore.domain.reconciliation.PositionCorrections tracedCorrections = (list, audit) -> {
            trace("  corrections " + list.map(c -> c.position().symbol() + " -> " + c.position().quantity()
                    .stripTrailingZeros().toPlainString()).mkString(", ") + "; broker then: " + exchange.positions()
                    .map(p -> p.symbol() + " " + p.quantity().stripTrailingZeros().toPlainString()).mkString(", ")
                    + "; the broker's executions of them: " + exchange.fills().filter(f -> list.exists(c -> c.position()
                    .symbol().equals(f.symbol()))).map(f -> f.executionId().substring(0, 8) + " " + f.side().code()
                    + " " + f.quantity().stripTrailingZeros().toPlainString() + " of " + f.clientOrderId()
                    .substring(0, 8) + " " + f.executedAt()).mkString(", "));
            return corrections.apply(list, audit);
        };
        dev.tradingcore.domain.order.OrderJournal orderJournal = ports.orderJournal();
        dev.tradingcore.domain.order.OrderJournal tracedOrders = new dev.tradingcore.domain.order.OrderJournal() {
            @Override
            public io.vavr.control.Either<dev.tradingcore.domain.common.Rejection, Order> place(Order order,
                    dev.tradingcore.domain.audit.AuditEvent audit) {
                return orderJournal.place(order, audit);
            }

            @Override
            public io.vavr.control.Either<dev.tradingcore.domain.common.Rejection, Order> change(OrderId orderId,
                    Change change) {
                String[] action = {""};
                var result = orderJournal.change(orderId, stored -> change.apply(stored).peek(c -> action[0] =
                        c.audit().map(a -> a.action()).getOrElse("unchanged")));
                trace("  order " + orderId.value().substring(0, 8) + " " + action[0] + " -> " + result.fold(
                        r -> "refused " + r.code(), o -> o.status().code() + " " + o.filledQuantity() + " filled"));
                return result;
            }
        };
        return new CorePorts(tracedOrders, ports.orders(), tracedFills, ports.positions(), tracedCorrections,
                ports.trades(), ports.systemState(), ports.riskInputs(), ports.riskSnapshots(), ports.auditLog(),
                ports.broker(), ports.alerts(), ports.database());
    }

    private void act() {
        int roll = strategy.nextInt(100);
        try {
            if (roll < 28) {
                submit();
            } else if (roll < 36) {
                cancelOne();
            } else if (roll < 52) {
                marketStep();
            } else if (roll < 68) {
                syncRound();
            } else if (roll < 76) {
                pushFill();
            } else if (roll < 81) {
                pushStatus();
            } else if (roll < 83) {
                core.risk().snapshot();
            } else if (roll < 85) {
                if (options.faults().contains(FaultKind.CORE_RESTART)) {
                    faults.add(FaultKind.CORE_RESTART);
                    start();
                }
            } else if (roll < 89) {
                if (options.faults().contains(FaultKind.CORE_CRASH) && !crash.armed()) {
                    crash.arm(1 + strategy.nextInt(40));
                }
            } else if (roll < 93) {
                foreignOrder();
            } else {
                clock.advance(Duration.ofMillis(strategy.nextInt(4000)));
            }
        } catch (SimulatedCrash crashed) {
            throw crashed;
        } catch (RuntimeException unexpected) {
            escaped("action " + roll, unexpected);
        }
    }

    private void escaped(String where, RuntimeException exception) {
        StringBuilder text = new StringBuilder("an exception escaped the core (" + where + "): " + exception);
        StackTraceElement[] trace = exception.getStackTrace();
        for (int i = 0; i < Math.min(6, trace.length); i++) {
            text.append("\n      at ").append(trace[i]);
        }
        escaped.add(text.toString());
    }

    // ----------------------------------------------------------------------------------------------- the strategy

    private void submit() {
        Symbol symbol = OURS.get(strategy.nextInt(OURS.size()));
        BigDecimal price = exchange.price(symbol).get();
        Side side = strategy.nextBoolean() ? Side.BUY : Side.SELL;
        BigDecimal quantity = strategy.nextInt(10) < 6 ? BigDecimal.valueOf(1 + strategy.nextInt(100))
                : BigDecimal.valueOf(1 + strategy.nextInt(5000), strategy.nextInt(9));
        int kind = strategy.nextInt(10);
        OrderType type = kind < 5 ? OrderType.MARKET : kind < 8 ? OrderType.LIMIT : kind < 9 ? OrderType.STOP
                : OrderType.STOP_LIMIT;
        Option<Price> limit = type.needsLimitPrice() ? Option.some(near(price)) : Option.none();
        Option<Price> stop = type.needsStopPrice() ? Option.some(near(price)) : Option.none();
        TimeInForce tif = switch (strategy.nextInt(10)) {
            case 0 -> TimeInForce.IOC;
            case 1 -> TimeInForce.FOK;
            case 2, 3, 4 -> TimeInForce.GTC;
            default -> TimeInForce.DAY;
        };
        SubmitResult result = core.submitting().submit(new OrderTicket(symbol, side, Quantity.of(quantity), type,
                tif, limit, stop, Option.some(Price.of(price))));
        String outcome = switch (result) {
            case SubmitResult.Refused refused -> "refused: " + refused.reason().code();
            default -> result.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        };
        outcomes.merge(outcome, 1, Integer::sum);
        trace("submit " + side.code() + " " + quantity.toPlainString() + " " + symbol + " " + type.code() + " "
                + tif.code() + " -> " + outcome + describe(result));
    }

    private static String describe(SubmitResult result) {
        return switch (result) {
            case SubmitResult.Accepted accepted -> " " + accepted.order().orderId();
            case SubmitResult.RejectedByBroker rejected -> " " + rejected.order().orderId() + " "
                    + rejected.brokerReason();
            case SubmitResult.Unconfirmed unconfirmed -> " " + unconfirmed.order().orderId() + " "
                    + unconfirmed.reason();
            case SubmitResult.Compensated compensated -> " " + compensated.order().orderId() + " "
                    + compensated.reason();
            case SubmitResult.Refused refused -> " " + refused.reason().message();
        };
    }

    /** A price on the tick within 2 % of {@code price}. */
    private Price near(BigDecimal price) {
        BigDecimal factor = BigDecimal.ONE.add(BigDecimal.valueOf(strategy.nextInt(41) - 20, 3));
        return Price.of(price.multiply(factor).setScale(2, RoundingMode.HALF_UP));
    }

    private void cancelOne() {
        io.vavr.collection.List<Order> open = core.ports().orders().findByStatuses(HashSet.of(OrderStatus.PENDING,
                OrderStatus.SUBMITTED, OrderStatus.PARTIAL_FILL, OrderStatus.UNKNOWN));
        if (!open.isEmpty()) {
            Order order = open.get(strategy.nextInt(open.size()));
            trace("cancel " + order.orderId() + " -> " + core.cancelling().cancel(order.orderId())
                    .fold(r -> r.code() + " " + r.message(), o -> o.status().code()));
        }
    }

    private void syncRound() {
        if (syncing) {
            return;
        }
        syncing = true;
        roundAnomalies.clear();
        try {
            var round = sync.syncOnce();
            roundAnomalies.forEach(expectedAlerts::putIfAbsent);
            trace("sync: " + round.fills() + "; " + round.statusesChanged() + " statuses; watermark "
                    + round.watermark() + (round.failures().isEmpty() ? "" : "; " + round.failures().mkString("; ")));
        } finally {
            syncing = false;
        }
    }

    /** The broker's stream delivers one execution of ours: a new one, or one it delivered before. */
    private void pushFill() {
        io.vavr.collection.List<SimFill> ours = exchange.fills().filter(f -> !f.clientOrderId()
                .startsWith(FOREIGN_PREFIX));
        if (ours.isEmpty()) {
            return;
        }
        io.vavr.collection.List<SimFill> fresh = ours.filter(f -> !pushedFills.contains(f.executionId()));
        SimFill fill;
        if (!fresh.isEmpty() && strategy.nextInt(10) < 7) {
            fill = fresh.get(strategy.nextInt(Math.min(3, fresh.size())));
        } else {
            fill = ours.get(strategy.nextInt(ours.size()));
            if (pushedFills.contains(fill.executionId())) {
                faults.add(FaultKind.PUSHED_FILL_AGAIN);
            }
        }
        pushedFills.add(fill.executionId());
        var outcome = core.applyFill().apply(SimulatedBroker.toBrokerFill(fill).toTrade(OrderId.of(
                fill.clientOrderId())));
        trace("pushed fill " + fill.executionId() + " " + fill.side().code() + " " + fill.quantity().toPlainString()
                + " " + fill.symbol() + " of " + fill.clientOrderId() + " -> " + outcome.getClass().getSimpleName());
    }

    /** The broker's stream delivers an order update of ours: the current one, or one it held back. */
    private void pushStatus() {
        if (statusHistory.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(statusHistory.keySet());
        List<BrokerOrder> history = statusHistory.get(ids.get(strategy.nextInt(ids.size())));
        BrokerOrder report = history.get(history.size() - 1);
        if (history.size() > 1 && strategy.nextInt(4) == 0) {
            report = history.get(strategy.nextInt(history.size() - 1));
            faults.add(FaultKind.STALE_STATUS_PUSH);
        }
        BrokerOrder pushed = report;
        trace("pushed status " + pushed.rawStatus() + " (" + pushed.filledQuantity() + " filled) of "
                + pushed.clientOrderId().map(Object::toString).getOrElse("?") + " -> " + core.statusUpdates()
                .apply(pushed).fold(r -> r.code(), o -> o.status().code()));
    }

    private void foreignOrder() {
        if (!foreignActivity) {
            return;
        }
        exchange.submit(new NewOrder(Option.some(FOREIGN_PREFIX + options.seed() + "-" + ++foreignIds),
                FOREIGN.value(), strategy.nextBoolean() ? Side.BUY : Side.SELL,
                BigDecimal.valueOf(1 + strategy.nextInt(20)), OrderType.MARKET, TimeInForce.DAY, Option.none(),
                Option.none()));
    }

    // ------------------------------------------------------------------------------------------------- the world

    /** Time passes, prices move, orders fill; cancels that were acknowledged early take effect now. */
    private void marketStep() {
        clock.advance(Duration.ofMillis(500 + world.nextInt(4500)));
        int before = exchange.fills().size();
        exchange.step();
        if (options.trace()) {
            exchange.fills().drop(before).forEach(f -> trace("EXECUTED " + f.executionId() + " " + f.side().code()
                    + " " + f.quantity().toPlainString() + " " + f.symbol() + " @ " + f.price().toPlainString()
                    + " of " + f.clientOrderId() + " (" + f.orderStatus().alpacaCode() + ")"));
        }
        for (String id : List.copyOf(deferredCancels)) {
            trace("deferred cancel takes effect: " + id + " " + exchange.cancel(id).fold(Object::toString,
                    o -> o.status().alpacaCode()));
        }
        if (!deferredCancels.isEmpty() && exchange.fills().size() > before) {
            faults.add(FaultKind.FILL_AFTER_CANCEL);
        }
        deferredCancels.clear();
        recordStatuses();
    }

    /** What the stream could deliver later: every state each of our orders went through. */
    private void recordStatuses() {
        for (SimOrder order : exchange.orders()) {
            if (order.clientOrderId().startsWith(FOREIGN_PREFIX)) {
                continue;
            }
            BrokerOrder now = SimulatedBroker.toBrokerOrder(order);
            List<BrokerOrder> history = statusHistory.computeIfAbsent(order.id(), id -> new ArrayList<>());
            if (history.isEmpty() || !history.get(history.size() - 1).equals(now)) {
                history.add(now);
            }
        }
    }

    /**
     * A fault the transport injected: the ones a person must hear of are noted. Refused credentials met by the sync
     * (the thread that keeps the books in step) must be alerted.
     */
    private void injected(FaultKind kind, AlpacaTransport.Request request, AlpacaTransport.Response bent) {
        if (!syncing || quiet) {
            return;
        }
        if ((kind == FaultKind.UNAUTHORIZED || kind == FaultKind.FORBIDDEN) && "GET".equals(request.method())) {
            roundAnomalies.putIfAbsent("Broker refuses our credentials", kind + " on " + request.method() + " "
                    + request.uri().getPath() + " during a sync round at " + clock.instant());
        }
    }

    /** Whether the activity feed shows an execution yet. */
    private boolean published(SimFill fill) {
        if (quiet || !latePublication) {
            return true;
        }
        Instant at = publishAt.computeIfAbsent(fill.executionId(), id -> {
            Random draw = new Random(options.seed() * 31 + id.hashCode());
            if (draw.nextInt(5) != 0) {
                return fill.executedAt();
            }
            faults.add(FaultKind.LATE_PUBLICATION);
            return fill.executedAt().plusMillis(1 + draw.nextInt((int) MAX_PUBLICATION_DELAY.toMillis()));
        });
        return !at.isAfter(clock.instant());
    }

    /**
     * While an answer is slow, the core's other threads go on: the sync runs a round, the strategy cancels the very
     * order being submitted, the stream delivers; or only the market moves. Never the use case that is waiting
     * (a thread cannot run twice), never during start-up (nothing else runs before recovery ends), one level deep.
     */
    private void meanwhile(AlpacaTransport.Request request) {
        if (meanwhileDepth > 0 || starting || core == null) {
            marketStepQuietly();
            return;
        }
        meanwhileDepth++;
        try {
            int roll = world.nextInt(10);
            boolean submission = "POST".equals(request.method()) && request.uri().getPath().equals("/v2/orders");
            if (submission && roll < 5) {
                clientOrderId(request).forEach(id -> core.cancelling().cancel(OrderId.of(id)));
            } else if (roll < 7 && !syncing) {
                syncRound();
            } else if (roll < 8) {
                pushFill();
            } else if (roll < 9) {
                pushStatus();
            } else {
                marketStep();
            }
        } finally {
            meanwhileDepth--;
        }
    }

    private void marketStepQuietly() {
        if (world.nextBoolean()) {
            marketStep();
        }
    }

    private static Option<String> clientOrderId(AlpacaTransport.Request request) {
        try {
            JsonNode body = JSON.readTree(request.body().orElse("{}"));
            return Option.of(body.get("client_order_id")).map(JsonNode::asText);
        } catch (java.io.IOException unreadable) {
            return Option.none();
        }
    }

    // ---------------------------------------------------------------------------------------------- the quiet end

    /**
     * The broker goes quiet: faults and crashes stop, every open order is cancelled at the exchange, the feed shows
     * every execution; then a new core starts and syncs until nothing changes, and the session can be checked.
     */
    private void goQuiet() {
        crash.disarm();
        brokerFaults.disable();
        quiet = true;
        deferredCancels.clear();
        for (SimOrder open : exchange.openOrders()) {
            exchange.cancel(open.id());
        }
        // Quiet for longer than a submit may take in flight: an order placed just before a crash and never sent is
        // then known never to have reached the broker.
        clock.advance(Duration.ofMinutes(2));
        start();
        for (int round = 0; round < 3; round++) {
            clock.advance(Duration.ofSeconds(1));
            syncRound();
        }
    }
}
