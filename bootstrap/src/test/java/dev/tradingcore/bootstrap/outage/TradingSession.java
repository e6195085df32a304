package dev.tradingcore.bootstrap.outage;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.application.port.in.SyncRound;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.risk.RiskLimits;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A core trading against the in-process simulated exchange on its own thread, the way {@code run} does: an order,
 * a market step and a broker sync round, about 20 times a second. It records what a person would check while the
 * database goes away: whether anything escaped the core (which ends {@code run}), the longest any call of the
 * trading thread blocked, why orders were refused, and the alerts.
 */
final class TradingSession implements AutoCloseable {

    static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAPL"), Symbol.of("MSFT"));

    final String name;
    final SimulatedBroker broker;
    final RecordingAlertSink alerts = new RecordingAlertSink();
    final TradingCore core;
    final List<Throwable> escaped = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    final List<String> refusalMessages = new CopyOnWriteArrayList<>();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicLong fillsApplied = new AtomicLong();
    private final AtomicLong longestNanos = new AtomicLong();
    private volatile String longestCall = "none";
    private volatile boolean measuring;
    private volatile boolean stopped;
    private final Thread trader;
    private final Random random;

    TradingSession(String name, DatabaseUrl database, Duration timeout, Duration degradedAfter, long seed) {
        this.name = name;
        this.random = new Random(seed);
        // An order fills a share per step (tens of steps): orders placed before an outage fill at the broker during it.
        this.broker = SimulatedBroker.create(SimulationConfig.defaults(seed).withMaxFillPerStep(Quantity.of(1)),
                Clock.systemUTC());
        Settings base = Settings.fromEnvironment();
        Settings.Trading trading = new Settings.Trading(base.trading().initialCapital(),
                base.trading().riskSnapshotInterval(), base.trading().brokerSyncInterval(),
                base.trading().orderRateLimits(), new dev.tradingcore.application.order.RestingOrders.Policy(
                        base.trading().restingOrders().action(), degradedAfter));
        Settings settings = new Settings(Optional.of(database), base.poolSize(), timeout, base.sslMode(),
                base.embedded(), Optional.empty(), trading, base.broker(), base.alerts(), base.monitoring(),
                base.home());
        this.core = TradingCore.builder().settings(settings).broker(broker).alerts(alerts).backgroundJobs(false)
                .start();
        core.controls().setRiskLimits(new RiskLimits(Money.of("10000000"), Money.of("1000000")));
        core.controls().turn(true, "outage test " + name);
        this.trader = new Thread(this::trade, "trader-" + name);
        trader.setDaemon(true);
        trader.start();
    }

    private void trade() {
        int i = 0;
        while (!stopped) {
            try {
                Symbol symbol = SYMBOLS.get(i % SYMBOLS.size());
                Side side = random.nextInt(100) < 55 ? Side.BUY : Side.SELL;
                Price price = broker.exchange().price(symbol).map(Price::of).getOrElse(Price.of("100"));
                OrderTicket ticket = OrderTicket.market(symbol, side, Quantity.of(10 + random.nextInt(30)), price);
                SubmitResult result = timed("submit", () -> core.submit(ticket));
                switch (result) {
                    case SubmitResult.Accepted a -> accepted.incrementAndGet();
                    case SubmitResult.Refused r -> {
                        refusals.computeIfAbsent(r.reason().code(), k -> new AtomicInteger()).incrementAndGet();
                        if (refusalMessages.size() < 200) {
                            refusalMessages.add(r.reason().code() + ": " + r.reason().message());
                        }
                    }
                    default -> { }
                }
                broker.step();
                // A round that books a hundred fills after an outage works for seconds; one that books none only
                // waited, and is held to the bound.
                long started = System.nanoTime();
                SyncRound round = core.syncWithBroker();
                if (round.fills().applied() == 0) {
                    note("syncWithBroker", System.nanoTime() - started);
                }
                fillsApplied.addAndGet(round.fills().applied());
                timed("positions", core::positions);
                i++;
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                escaped.add(t);
                return; // as run would end
            }
        }
    }

    private <T> T timed(String call, java.util.function.Supplier<T> body) {
        long started = System.nanoTime();
        try {
            return body.get();
        } finally {
            note(call, System.nanoTime() - started);
        }
    }

    private void note(String call, long took) {
        if (measuring && took > longestNanos.get()) {
            longestNanos.set(took);
            longestCall = call;
        }
    }

    /** From now on the longest call counts (class loading and the first connections before are not the subject). */
    void measure() {
        core.component(DatabaseGuard.class).resetLongestCall();
        measuring = true;
    }

    /** The longest call any thread made through the database guard since {@link #measure()}. */
    Duration longestDatabaseCall() {
        return core.component(DatabaseGuard.class).longestCall();
    }

    Duration longestCall() {
        return Duration.ofNanos(longestNanos.get());
    }

    String longestCallName() {
        return longestCall;
    }

    boolean trading() {
        return trader.isAlive();
    }

    /** Stops placing orders; the fills still due are booked by {@link #settle()}. */
    void stopTrading() throws InterruptedException {
        stopped = true;
        trader.join(30_000);
    }

    /** Sync rounds until the broker's fills of our orders are all booked (or the bound passes). */
    void settle(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            core.syncWithBroker();
            if (core.databaseHealth().startsWith("database available")) {
                long open = SYMBOLS.stream().mapToLong(s -> core.orders().activeBySymbol(s).size()).sum();
                if (open == 0) {
                    return;
                }
            }
            broker.step();
            Thread.sleep(100);
        }
    }

    /** The broker's executions, by trade id. */
    List<String> brokerTradeIds() {
        return broker.fillsSince(Instant.EPOCH).get().items().map(BrokerFill::tradeId).map(t -> t.value())
                .toJavaList();
    }

    /** The broker's positions, symbol to signed quantity (flat ones left out). */
    Map<String, BigDecimal> brokerPositions() {
        return broker.positions().get().filter(p -> p.quantity().signum() != 0)
                .toJavaMap(TreeMap::new, p -> p.symbol().value(), BrokerPosition::quantity).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stripTrailingZeros(), (a, b) -> a,
                        TreeMap::new));
    }

    /** The core's positions (from its cache), symbol to signed quantity (flat ones left out). */
    Map<String, BigDecimal> corePositions() {
        return core.positions().filter(p -> !p.isFlat()).toJavaMap(TreeMap::new, (Position p) -> p.symbol().value(),
                p -> p.quantity().stripTrailingZeros());
    }

    @Override
    public void close() throws Exception {
        stopped = true;
        trader.interrupt();
        core.close();
    }
}
