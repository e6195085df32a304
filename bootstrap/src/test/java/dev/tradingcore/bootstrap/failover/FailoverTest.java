package dev.tradingcore.bootstrap.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.connection.ReplicationSettings;
import dev.tradingcore.adapters.postgres.testing.StreamingPair;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.OrderId;
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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover under load: a core trading against the simulated exchange on a primary with a real streaming replica,
 * several writers pushing the broker's fills into it; the primary is killed (an immediate stop), the replica is
 * promoted, and the core's multi-host {@code DATABASE_URL} finds it. Then a new replica is built from the new primary
 * and the next failover runs.
 *
 * <p>With synchronous replication ({@code synchronous_standby_names = '*'}, {@code synchronous_commit = on}) every
 * fill whose writer was answered is on the new primary after every failover, and at the end every fill the broker
 * made is booked exactly once and the positions are the broker's. With asynchronous replication and the replica cut
 * off from the primary's WAL before the kill, the answered fills the promoted server lacks are counted, and the
 * recovery the core runs after the failover books them from the broker: 0 discrepancies.
 *
 * <p>Prints the time from the end of the promotion to the first fill committed on the new primary; the issue's bound
 * is 5 s. The build runs three synchronous failovers (to the replica, back to the rebuilt one, and over again: each
 * direction, and a promotion of a replica built from a promoted server); {@code -Dfailover.rounds=N} runs more
 * (docs/operations.md records runs of 5 and 12).
 */
class FailoverTest {

    private static final int FAILOVERS = Integer.getInteger("failover.rounds", 3);
    private static final int WRITERS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration WRITES_RESUME_BOUND = Duration.ofSeconds(5);
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAPL"), Symbol.of("MSFT"));

    @TempDir
    Path tmp;

    @Test
    void with_synchronous_replication_no_answered_fill_is_lost_or_doubled_over_failovers_under_load()
            throws Exception {
        try (StreamingPair pair = StreamingPair.start(tmp.resolve("pair")); Load load = new Load(pair, true, 11)) {
            List<Long> resumeMillis = new ArrayList<>();
            for (int round = 1; round <= FAILOVERS; round++) {
                load.waitForAnsweredFills(load.answered.size() + 20);
                pair.killPrimary();
                Set<String> answeredAtKill = Set.copyOf(load.answered.keySet());
                pair.promoteReplica();
                long promoted = System.nanoTime();
                long firstFill = load.waitForFillAfter(promoted);
                long resumed = (firstFill - promoted) / 1_000_000;
                resumeMillis.add(resumed);
                Set<String> onNewPrimary = tradeIds(pair.primary());
                Set<String> lost = new HashSet<>(answeredAtKill);
                lost.removeAll(onNewPrimary);
                System.out.printf("failover %d (synchronous): %d fills answered before the kill, %d of them missing"
                        + " on the new primary; first fill committed %d ms after the promotion%n", round,
                        answeredAtKill.size(), lost.size(), resumed);
                assertThat(lost).as("failover %d: answered fills missing on the promoted server", round).isEmpty();
                load.waitForRecovery(round);
                pair.rebuildReplica();
            }
            load.finish();
            load.assertBookedExactlyAsTheBroker(pair.primary());
            assertThat(load.core.failoverRecoveries()).as("recovery ran after each failover").isEqualTo(FAILOVERS);
            // Whether the breaker opens depends on the timing: a promotion that is done before the guard's retries
            // are spent is ridden through with the breaker closed (seen in CI: 5 failovers, no opening). What must
            // hold is that every opening was followed by a closing: no outage left raised, writes going on.
            // The outage's alert is resolved once the breaker has stayed closed for 5 s.
            dev.tradingcore.adapters.postgres.testing.Eventually.within(Duration.ofSeconds(15),
                    "each time the breaker opened, it closed again",
                    () -> load.alerts.titles().count("Database available again"::equals)
                            == load.alerts.titles().count("Database unavailable"::equals));
            int opened = load.alerts.titles().count("Database unavailable"::equals);
            System.out.println("synchronous failovers: writes resumed after " + resumeMillis + " ms; the breaker"
                    + " opened " + opened + " time(s); " + load.summary());
            assertThat(resumeMillis).allSatisfy(ms -> assertThat(ms).isLessThan(WRITES_RESUME_BOUND.toMillis()));
        }
    }

    @Test
    void with_asynchronous_replication_the_answered_fills_lost_are_counted_and_booked_again_from_the_broker()
            throws Exception {
        try (StreamingPair pair = StreamingPair.start(tmp.resolve("pair")); Load load = new Load(pair, false, 12)) {
            load.waitForAnsweredFills(20);
            // The replica is cut off from the primary's WAL (a partition), and the primary goes on answering fills.
            detachFromPrimary(pair.runningReplica());
            load.pauseOrders(true);
            int before = load.answered.size();
            load.waitForAnsweredFills(before + 15);
            pair.killPrimary();
            Set<String> answeredAtKill = Set.copyOf(load.answered.keySet());
            pair.promoteReplica();
            long promoted = System.nanoTime();
            Set<String> onNewPrimary = tradeIds(pair.primary());
            Set<String> lost = new HashSet<>(answeredAtKill);
            lost.removeAll(onNewPrimary);
            long firstFill = load.waitForFillAfter(promoted);
            load.pauseOrders(false);
            System.out.printf("failover (asynchronous, replica cut off first): %d fills answered before the kill, %d"
                    + " of them lost on the promoted server; first fill committed %d ms after the promotion%n",
                    answeredAtKill.size(), lost.size(), (firstFill - promoted) / 1_000_000);
            assertThat(lost).as("asynchronous replication loses what the replica never received").isNotEmpty();

            load.waitForRecovery(1);
            load.finish();
            assertThat(load.core.failoverRecoveries()).isEqualTo(1);
            Set<String> recovered = tradeIds(pair.primary());
            assertThat(recovered).as("the lost fills are booked again from the broker").containsAll(lost);
            load.assertBookedExactlyAsTheBroker(pair.primary());
            System.out.println("asynchronous failover: " + lost.size() + " lost fills booked again, 0 discrepancies; "
                    + load.summary());
        }
    }

    private static void detachFromPrimary(StreamingPair.Node replica) throws SQLException {
        try (Connection c = replica.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM SET primary_conninfo = ''");
            st.execute("SELECT pg_reload_conf()");
        }
    }

    private static Set<String> tradeIds(StreamingPair.Node node) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = node.connect(StreamingPair.DATABASE); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT trade_id FROM trades")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /**
     * The core and its load: one thread places orders and steps the exchange, queueing each new broker fill; several
     * writers push the queued fills into the core, each until it is answered (recorded now or before), as a broker
     * connection redelivers a fill until it is acknowledged.
     */
    private static final class Load implements AutoCloseable {

        final SimulatedBroker broker;
        final RecordingAlertSink alerts = new RecordingAlertSink();
        final TradingCore core;
        /** Trade id to the time it was answered (nanoTime). */
        final Map<String, Long> answered = new ConcurrentHashMap<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        final List<Throwable> escaped = new CopyOnWriteArrayList<>();
        private final LinkedBlockingQueue<BrokerFill> queue = new LinkedBlockingQueue<>();
        private final Set<String> queued = ConcurrentHashMap.newKeySet();
        private final Map<String, OrderId> orders = new ConcurrentHashMap<>();
        private final AtomicLong lastAnswer = new AtomicLong();
        private final AtomicLong pushes = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        private final Random random;
        private volatile boolean placing = true;
        private volatile boolean ordersPaused;
        private volatile boolean stopped;

        Load(StreamingPair pair, boolean synchronous, long seed) {
            pair.requireSynchronousStandby(synchronous);
            this.random = new Random(seed);
            this.broker = SimulatedBroker.create(SimulationConfig.defaults(seed).withMaxFillPerStep(Quantity.of(1)),
                    Clock.systemUTC());
            DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres@" + pair.hosts() + "/"
                    + StreamingPair.DATABASE + "?target_session_attrs=read-write");
            Settings base = Settings.fromEnvironment();
            Settings settings = new Settings(Optional.of(url), base.poolSize(), TIMEOUT, base.sslMode(),
                    base.embedded(), Optional.empty(), base.trading(), base.broker(), base.alerts(), base.monitoring(),
                    base.home()).withReplication(ReplicationSettings.DEFAULTS.withSynchronousCommit("on"));
            this.core = TradingCore.builder().settings(settings).broker(broker).alerts(alerts).backgroundJobs(false)
                    .monitoring(false).start();
            core.controls().setRiskLimits(new RiskLimits(Money.of("100000000"), Money.of("10000000")));
            core.controls().turn(true, "failover test");
            threads.add(new Thread(this::place, "orders"));
            for (int w = 0; w < WRITERS; w++) {
                threads.add(new Thread(this::write, "writer-" + w));
            }
            threads.forEach(t -> {
                t.setDaemon(true);
                t.start();
            });
        }

        private void place() {
            int i = 0;
            while (!stopped) {
                try {
                    if (placing && !ordersPaused) {
                        Symbol symbol = SYMBOLS.get(i++ % SYMBOLS.size());
                        Side side = random.nextInt(100) < 55 ? Side.BUY : Side.SELL;
                        Price price = broker.exchange().price(symbol).map(Price::of).getOrElse(Price.of("100"));
                        SubmitResult result = core.submit(OrderTicket.market(symbol, side,
                                Quantity.of(5 + random.nextInt(10)), price));
                        if (result instanceof SubmitResult.Accepted accepted
                                && accepted.order().brokerOrderId().isDefined()) {
                            orders.put(accepted.order().brokerOrderId().get().value(), accepted.order().orderId());
                        }
                    }
                    broker.step();
                    for (BrokerFill fill : broker.fillsSince(Instant.EPOCH).get().items()) {
                        if (orders.containsKey(fill.brokerOrderId().value()) && queued.add(fill.tradeId().value())) {
                            queue.add(fill);
                        }
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable t) {
                    escaped.add(t);
                    return;
                }
            }
        }

        private void write() {
            while (!stopped) {
                try {
                    BrokerFill fill = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (fill == null) {
                        continue;
                    }
                    pushes.incrementAndGet();
                    FillOutcome outcome = core.applyFill(fill.toTrade(orders.get(fill.brokerOrderId().value())));
                    if (outcome.isRecorded()) {
                        long now = System.nanoTime();
                        answered.putIfAbsent(fill.tradeId().value(), now);
                        lastAnswer.accumulateAndGet(now, Math::max);
                    } else if (outcome instanceof FillOutcome.NotRecorded) {
                        Thread.sleep(50); // the database is away: redelivered later
                        queue.add(fill);
                    } else {
                        refused.add(fill.tradeId().value() + ": " + outcome);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable t) {
                    escaped.add(t);
                    return;
                }
            }
        }

        void pauseOrders(boolean paused) {
            ordersPaused = paused;
        }

        void waitForAnsweredFills(int count) throws InterruptedException {
            waitFor("at least " + count + " fills answered", () -> answered.size() >= count);
        }

        /** Waits until the core ran recovery after failover {@code round} and takes orders again. */
        void waitForRecovery(int round) throws InterruptedException {
            waitFor("recovery after failover " + round, () -> core.failoverRecoveries() >= round
                    && !core.recoveringFromFailover() && core.ordersHeld().isEmpty() && core.databaseHealth().startsWith("database available"));
        }

        /** Waits for a fill answered after {@code nanos}; returns when it was answered. */
        long waitForFillAfter(long nanos) throws InterruptedException {
            waitFor("a fill committed after the promotion", () -> lastAnswer.get() > nanos);
            return answered.values().stream().filter(t -> t > nanos).min(Long::compare).orElseThrow();
        }

        /**
         * Stops placing orders and waits until every fill is in and every order done, running the broker sync as
         * {@code run} does in the background (it settles the state of an order whose last update was in flight when
         * its server died).
         */
        void finish() throws InterruptedException {
            placing = false;
            String[] state = {""};
            try {
                waitFor("every broker fill of our orders answered and every order done", () -> {
                    core.syncWithBroker();
                    Set<String> broker = brokerTradeIds();
                    Set<String> missing = new HashSet<>(broker);
                    missing.removeAll(answered.keySet());
                    long active = SYMBOLS.stream().mapToLong(s -> core.orders().activeBySymbol(s).size()).sum();
                    state[0] = core.databaseHealth() + "; queue " + queue.size() + ", unanswered " + missing.size()
                            + ", active orders " + active;
                    return core.databaseHealth().startsWith("database available") && queue.isEmpty()
                            && missing.isEmpty() && broker.equals(queued) && active == 0;
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " (" + state[0] + ")", e);
            }
            assertThat(escaped).as("nothing escaped the core").isEmpty();
            assertThat(refused).as("no fill refused").isEmpty();
        }

        /** Every broker fill stored once on {@code primary}, and the positions there and in memory the broker's. */
        void assertBookedExactlyAsTheBroker(StreamingPair.Node primary) throws SQLException {
            List<String> stored = new ArrayList<>();
            Map<String, BigDecimal> storedPositions = new TreeMap<>();
            try (Connection c = primary.connect(StreamingPair.DATABASE); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT trade_id FROM trades")) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT symbol, quantity FROM positions WHERE quantity <> 0")) {
                    while (rs.next()) {
                        storedPositions.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros());
                    }
                }
            }
            assertThat(stored).as("every fill of the broker stored exactly once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(brokerTradeIds());
            assertThat(storedPositions).as("stored positions are the broker's").isEqualTo(brokerPositions());
            assertThat(corePositions()).as("the core's positions are the broker's").isEqualTo(brokerPositions());
        }

        Set<String> brokerTradeIds() {
            return broker.fillsSince(Instant.EPOCH).get().items()
                    .filter(f -> orders.containsKey(f.brokerOrderId().value())).map(f -> f.tradeId().value())
                    .toJavaSet();
        }

        Map<String, BigDecimal> brokerPositions() {
            return broker.positions().get().filter(p -> p.quantity().signum() != 0)
                    .toJavaMap(TreeMap::new, p -> p.symbol().value(), BrokerPosition::quantity).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stripTrailingZeros(),
                            (a, b) -> a, TreeMap::new));
        }

        Map<String, BigDecimal> corePositions() {
            return core.positions().filter(p -> !p.isFlat()).toJavaMap(TreeMap::new,
                    (Position p) -> p.symbol().value(), p -> p.quantity().stripTrailingZeros());
        }

        String summary() {
            return answered.size() + " fills answered (" + pushes.get() + " pushes by " + WRITERS + " writers), "
                    + orders.size() + " orders, alerts " + alerts.titles().distinct();
        }

        private static void waitFor(String what, java.util.function.BooleanSupplier condition)
                throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not within " + BOUND + ": " + what);
                }
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            for (Thread t : threads) {
                t.interrupt();
                t.join(10_000);
            }
            core.close();
        }
    }
}
