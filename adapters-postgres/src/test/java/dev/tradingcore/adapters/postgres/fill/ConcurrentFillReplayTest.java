package dev.tradingcore.adapters.postgres.fill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.LedgerAssertions;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proof of exactly-once: every fill delivered twice, in random order, from 8 threads, over a few
 * symbols, through the real use case and the real database. At the end each trade is stored once and every
 * position is exactly what its fills make it, in the database and in the cache.
 */
class ConcurrentFillReplayTest {

    private static final Instant T0 = Instant.parse("2026-11-23T14:30:00Z");
    private static final List<String> SYMBOLS = List.of("RPA", "RPB", "RPC", "RPD");
    private static final int ORDERS_PER_SYMBOL = 10;
    private static final int FILLS_PER_ORDER = 10;
    private static final int THREADS = 8;

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Test
    void every_fill_replayed_twice_from_eight_threads_is_stored_once_and_positions_are_exact() throws Exception {
        PostgresPersistence persistence = new PostgresPersistence(db.dataSource());
        Random random = new Random(20261123);
        List<Trade> fills = new ArrayList<>();
        int orderNumber = 0;
        for (String symbol : SYMBOLS) {
            for (int o = 0; o < ORDERS_PER_SYMBOL; o++) {
                Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                String orderId = "rp-" + (++orderNumber);
                List<Trade> orderFills = new ArrayList<>();
                BigDecimal total = BigDecimal.ZERO;
                for (int f = 0; f < FILLS_PER_ORDER; f++) {
                    BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(500_000_000), 8); // 0.00000001 .. 5
                    BigDecimal price = BigDecimal.valueOf(9_000 + random.nextInt(2_000), 2); // 90.00 .. 109.99
                    BigDecimal commission = BigDecimal.valueOf(random.nextInt(100), 3);
                    orderFills.add(new Trade(TradeId.of(orderId + "-f" + f), OrderId.of(orderId), Symbol.of(symbol),
                            side, Quantity.of(quantity), Price.of(price), T0.plusSeconds(orderNumber * 100L + f),
                            commission, Option.some(Liquidity.TAKER)));
                    total = total.add(quantity);
                }
                Order order = Order.place(OrderId.of(orderId), ClientOrderId.of(orderId), Symbol.of(symbol), side,
                        Quantity.of(total), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none(), T0)
                        .get().order();
                persistence.orders().save(order);
                fills.addAll(orderFills);
            }
        }
        List<Trade> deliveries = new ArrayList<>(fills);
        deliveries.addAll(fills);
        Collections.shuffle(deliveries, random);

        PositionCache cache = new PositionCache();
        RecordingAlertSink alerts = new RecordingAlertSink();
        ApplyingFill applyingFill = new ApplyingFill(persistence.fillJournal(), persistence.positions(), cache, alerts,
                Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC));
        ConcurrentLinkedQueue<Trade> queue = new ConcurrentLinkedQueue<>(deliveries);
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                start.await();
                for (Trade trade; (trade = queue.poll()) != null; ) {
                    FillOutcome outcome = applyingFill.apply(trade);
                    outcomes.computeIfAbsent(outcome.getClass().getSimpleName(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(outcomes.get("Applied").get()).as("first deliveries").isEqualTo(fills.size());
        assertThat(outcomes.get("AlreadyRecorded").get()).as("second deliveries").isEqualTo(fills.size());
        assertThat(outcomes).containsOnlyKeys("Applied", "AlreadyRecorded");
        assertThat(alerts.alerts()).isEmpty();

        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT trade_id) FROM trades")) {
            rs.next();
            assertThat(rs.getInt(1)).as("each trade stored once").isEqualTo(fills.size());
            assertThat(rs.getInt(2)).isEqualTo(fills.size());
        }

        LedgerAssertions.assertLedgerMatches(persistence, cache, fills, SYMBOLS);
        for (Trade fill : fills) {
            assertThat(persistence.orders().findById(fill.orderId()).get().status().code()).isEqualTo("filled");
        }
    }
}
