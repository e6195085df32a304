package dev.tradingcore.adapters.postgres.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.connection.ConnectionPools;
import dev.tradingcore.adapters.postgres.connection.PoolSettings;
import dev.tradingcore.adapters.postgres.testing.Eventually;
import dev.tradingcore.adapters.postgres.testing.FaultProxy;
import dev.tradingcore.adapters.postgres.testing.LedgerAssertions;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outage test: the database goes away in the middle of a stream of fills and comes back. Fills are
 * delivered by several threads the way a broker stream consumer would, each fill delivered again until the core says
 * it is recorded. The database "goes away" at a TCP proxy in front of it: the port closes and every open connection
 * is reset, as when a server crashes; then it listens again, as when the server is back.
 *
 * <p>During the outage, positions are served from memory (the stored position as of a commit that holds every fill
 * acknowledged by then), while a read of the database fails. Afterwards: every acknowledged fill is stored exactly once, positions are the exact sums of their fills, the
 * breaker opened and closed by itself, no call took longer than the timeout bound, and the same pool, guard and
 * use case went on working with nothing rebuilt.
 */
class DatabaseOutageTest {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageTest.class);

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant T0 = Instant.parse("2026-11-23T14:30:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The longest any one call may take: generous for a loaded 2-core machine (the socket timeout is 3 s). */
    private static final Duration BOUND = TIMEOUT.multipliedBy(3).plusSeconds(2);
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final List<String> SYMBOLS = List.of("OUTA", "OUTB", "OUTC", "OUTD");
    private static final int ORDERS_PER_SYMBOL = 5;
    private static final int FILLS_PER_ORDER = 20;
    private static final int THREADS = 6;

    private final RecordingAlertSink alerts = new RecordingAlertSink();
    private final List<BreakerTransition> transitions = new CopyOnWriteArrayList<>();
    private FaultProxy proxy;
    private HikariDataSource pool;
    private DatabaseGuard guard;

    @AfterEach
    void stop() {
        guard.close();
        pool.close();
        proxy.close();
    }

    @Test
    void no_acknowledged_fill_is_lost_or_doubled_and_the_breaker_opens_and_closes_by_itself() throws Exception {
        String hostPort = db.url().hosts();
        int colon = hostPort.lastIndexOf(':');
        proxy = FaultProxy.to(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        pool = ConnectionPools.open(db.url().withHosts("127.0.0.1:" + proxy.port()),
                new PoolSettings("execution", 5, TIMEOUT, false));
        guard = new DatabaseGuard("primary", GuardSettings.forTimeout(TIMEOUT).withWaitInOpenState(TIMEOUT), alerts,
                Clock.systemUTC()).probingWith(pool);
        guard.onTransition(transitions::add);
        PostgresPersistence persistence = new PostgresPersistence(pool, guard);
        List<Trade> fills = placeOrdersAndMakeFills(db.persistence(), new Random(20261124));
        List<Trade> deliveries = new ArrayList<>(fills);
        Collections.shuffle(deliveries, new Random(7));

        PositionCache cache = new PositionCache();
        ApplyingFill applyingFill = new ApplyingFill(persistence.fillJournal(), persistence.positions(), cache, alerts,
                Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC));
        ConcurrentLinkedQueue<Trade> stream = new ConcurrentLinkedQueue<>(deliveries);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<FillOutcome> unexpected = new CopyOnWriteArrayList<>();
        AtomicLong longestCallNanos = new AtomicLong();
        AtomicInteger acknowledgedAfterTheOutage = new AtomicInteger();
        AtomicBoolean outageOver = new AtomicBoolean();

        ExecutorService consumers = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(consumers.submit(() -> {
                for (Trade trade; (trade = stream.poll()) != null; ) {
                    // Deliver until the core says the fill is recorded, as a broker stream consumer would.
                    while (true) {
                        long started = System.nanoTime();
                        FillOutcome outcome = applyingFill.apply(trade);
                        longestCallNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                        outcomes.computeIfAbsent(outcome.getClass().getSimpleName(), k -> new AtomicInteger())
                                .incrementAndGet();
                        if (outcome.isRecorded()) {
                            acknowledged.add(trade.tradeId().value());
                            if (outageOver.get()) {
                                acknowledgedAfterTheOutage.incrementAndGet();
                            }
                            break;
                        }
                        if (!(outcome instanceof FillOutcome.NotRecorded)) {
                            unexpected.add(outcome);
                            break;
                        }
                        Thread.sleep(20);
                    }
                }
                return null;
            }));
        }

        // The outage, a third of the way into the stream.
        Eventually.within(Duration.ofSeconds(60), "a third of the fills acknowledged",
                () -> acknowledged.size() >= fills.size() / 3);
        proxy.stopAccepting();
        proxy.dropConnections();
        Eventually.within(Duration.ofSeconds(30), "the breaker opens", () -> !guard.acceptingWork());
        int acknowledgedWhenOpened = acknowledged.size();
        assertThat(guard.describe()).startsWith("database unavailable since");
        Thread.sleep(OUTAGE.toMillis());
        assertThat(acknowledged.size()).as("nothing acknowledged while the database is away")
                .isEqualTo(acknowledgedWhenOpened);
        // What the core serves positions from (TradingCore.position/positions read this cache) while the database is
        // away: the database read fails right now, and memory answers with exactly the acknowledged fills.
        assertThat(catchThrowable(() -> persistence.positions().findAll())).as("the database is away")
                .isInstanceOf(StoreUnavailableException.class);
        Set<String> acknowledgedDuringOutage = Set.copyOf(acknowledged);
        assertThat(cache.all().map(p -> p.symbol().value())).as("every symbol served from memory")
                .containsExactlyElementsOf(SYMBOLS.stream().sorted().toList());
        Map<String, Position> servedDuringOutage = new HashMap<>();
        for (String symbol : SYMBOLS) {
            servedDuringOutage.put(symbol, cache.get(Symbol.of(symbol)).get());
        }
        proxy.resumeAccepting();
        outageOver.set(true);

        for (Future<?> worker : workers) {
            worker.get(3, TimeUnit.MINUTES);
        }
        consumers.shutdown();

        LOG.info("outage run: {} fills, outcomes {}, longest call {} ms, acknowledged after the outage {},"
                + " transitions {}", fills.size(), outcomes, TimeUnit.NANOSECONDS.toMillis(longestCallNanos.get()),
                acknowledgedAfterTheOutage.get(), transitions);
        assertThat(unexpected).as("no fill refused or conflicting").isEmpty();
        assertThat(acknowledged).as("every fill acknowledged in the end").hasSize(fills.size());
        assertThat(outcomes.get("NotRecorded")).as("the outage did hit the stream").isNotNull();
        assertThat(acknowledgedAfterTheOutage.get()).as("work resumed on the same pool, guard and use case")
                .isPositive();
        assertThat(Duration.ofNanos(longestCallNanos.get())).as("no call blocked past the bound").isLessThan(BOUND);

        assertThat(storedTradeIds()).as("each acknowledged fill stored exactly once").hasSize(fills.size())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
        LedgerAssertions.assertLedgerMatches(persistence, cache, fills, SYMBOLS);
        Map<String, Trade> byId = new HashMap<>();
        fills.forEach(t -> byId.put(t.tradeId().value(), t));
        for (String symbol : SYMBOLS) {
            assertServedFromMemory(symbol, servedDuringOutage.get(symbol), acknowledgedDuringOutage, byId);
        }
        assertThat(fills.stream().map(t -> t.orderId().value()).distinct().count()).as("orders checked")
                .isEqualTo(SYMBOLS.size() * ORDERS_PER_SYMBOL);

        assertThat(transitions.getFirst()).extracting(BreakerTransition::from, BreakerTransition::to)
                .containsExactly(BreakerState.CLOSED, BreakerState.OPEN);
        assertThat(transitions).extracting(BreakerTransition::to).contains(BreakerState.HALF_OPEN);
        assertThat(transitions.getLast().to()).isEqualTo(BreakerState.CLOSED);
        assertThat(guard.acceptingWork()).isTrue();
        assertThat(alerts.ofSeverity(AlertSeverity.CRITICAL).map(Alert::title)).containsExactly("Database unavailable");
        Eventually.within(Duration.ofSeconds(10), "the incident resolved once the breaker stayed closed",
                () -> alerts.ofSeverity(AlertSeverity.INFO).map(Alert::title).contains("Database available again"));
    }

    /**
     * What memory served for {@code symbol} during the outage was the stored position as of one commit, and that
     * commit came after every fill acknowledged by then: its quantity is the sum of the fills booked up to that commit
     * (in booking order, read back from their audit lines), and realized + unrealized P&amp;L their cash flow at any
     * mark. Not simply "the acknowledged fills": a commit whose acknowledgement the outage cut off is stored (its
     * caller is told later, as a duplicate) and may already be in memory, read back by a duplicate's refresh.
     */
    private static void assertServedFromMemory(String name, Position served, Set<String> acknowledgedThen,
            Map<String, Trade> fills) throws Exception {
        List<String> booked = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT details ->> 'trade_id' FROM audit_log WHERE action IN"
                        + " ('fill_applied', 'late_fill_applied') AND details ->> 'symbol' = '" + name + "' ORDER BY id")) {
            while (rs.next()) {
                booked.add(rs.getString(1));
            }
        }
        Price mark = Price.of("100");
        long acknowledgedOfSymbol = acknowledgedThen.stream().filter(id -> fills.get(id).symbol().value().equals(name))
                .count();
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal cashFlow = BigDecimal.ZERO;
        long acknowledgedInPrefix = 0;
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i <= booked.size(); i++) {
            if (acknowledgedInPrefix == acknowledgedOfSymbol) {
                BigDecimal pnl = cashFlow.add(quantity.multiply(mark.value()));
                candidates.add(quantity.toPlainString());
                if (served.quantity().compareTo(quantity) == 0 && served.totalPnlAt(mark).compareTo(pnl) == 0) {
                    return;
                }
            }
            if (i == booked.size()) {
                break;
            }
            Trade trade = fills.get(booked.get(i));
            BigDecimal signed = trade.quantity().value().multiply(BigDecimal.valueOf(trade.side().sign()));
            quantity = quantity.add(signed);
            cashFlow = cashFlow.subtract(signed.multiply(trade.price().value())).subtract(trade.commission());
            if (acknowledgedThen.contains(booked.get(i))) {
                acknowledgedInPrefix++;
            }
        }
        throw new AssertionError(name + " served during the outage (" + served.quantity() + ", P&L at 100 "
                + served.totalPnlAt(mark) + ") is no stored position that holds every fill acknowledged by then ("
                + acknowledgedOfSymbol + "); quantities after each later commit: " + candidates);
    }

    private static List<Trade> placeOrdersAndMakeFills(PostgresPersistence setup, Random random) {
        List<Trade> fills = new ArrayList<>();
        int orderNumber = 0;
        for (String symbol : SYMBOLS) {
            for (int o = 0; o < ORDERS_PER_SYMBOL; o++) {
                Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                String orderId = "out-" + (++orderNumber);
                BigDecimal total = BigDecimal.ZERO;
                for (int f = 0; f < FILLS_PER_ORDER; f++) {
                    // 8 decimal places, the scale of quantities (0.00000001 to 5).
                    BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(500_000_000), 8);
                    BigDecimal price = BigDecimal.valueOf(9_000 + random.nextInt(2_000), 2);
                    BigDecimal commission = BigDecimal.valueOf(random.nextInt(100), 3);
                    fills.add(new Trade(TradeId.of(orderId + "-f" + f), OrderId.of(orderId), Symbol.of(symbol), side,
                            Quantity.of(quantity), Price.of(price), T0.plusSeconds(orderNumber * 100L + f), commission,
                            Option.some(Liquidity.TAKER)));
                    total = total.add(quantity);
                }
                setup.orders().save(Order.place(OrderId.of(orderId), ClientOrderId.of(orderId), Symbol.of(symbol),
                        side, Quantity.of(total), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none(), T0)
                        .get().order());
            }
        }
        return fills;
    }

    private static List<String> storedTradeIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT trade_id FROM trades")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
