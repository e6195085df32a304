package dev.tradingcore.application.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.order.CancellingOpenOrders;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.risk.DailyLossGuard;
import dev.tradingcore.application.risk.DailyPnl;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.InMemoryAuditLog;
import dev.tradingcore.domain.fakes.InMemoryMarketDataRepository;
import dev.tradingcore.domain.fakes.InMemoryOrderRepository;
import dev.tradingcore.domain.fakes.InMemoryPositionRepository;
import dev.tradingcore.domain.fakes.InMemorySystemStateRepository;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.marketdata.MarketDataRepository;
import dev.tradingcore.domain.marketdata.Quote;
import dev.tradingcore.domain.position.Position;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Prices mark positions at once and reach the database in batches, never one round trip per price. */
class RecordingPricesTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private final TestClock clock = TestClock.at("2026-11-23T15:00:00Z");
    private final InMemoryPositionRepository positions = new InMemoryPositionRepository();
    private final PositionCache cache = new PositionCache();
    private final AtomicInteger batches = new AtomicInteger();
    private final InMemoryMarketDataRepository stored = new InMemoryMarketDataRepository();
    private final MarketDataRepository counting = new MarketDataRepository() {
        @Override
        public void upsert(Quote quote) {
            throw new AssertionError("one price, one round trip");
        }

        @Override
        public void upsertAll(List<Quote> quotes) {
            batches.incrementAndGet();
            stored.upsertAll(quotes);
        }

        @Override
        public Option<Quote> latest(Symbol symbol) {
            return stored.latest(symbol);
        }

        @Override
        public List<Quote> range(Symbol symbol, Instant from, Instant to) {
            return stored.range(symbol, from, to);
        }

        @Override
        public List<Quote> recent(Symbol symbol, int count) {
            return stored.recent(symbol, count);
        }
    };

    private RecordingPrices prices() {
        InMemorySystemStateRepository state = new InMemorySystemStateRepository();
        TradingControls controls = new TradingControls(state, new InMemoryAuditLog(), new RecordingAlertSink(), clock);
        DailyPnl pnl = new DailyPnl(cache, state, Money.of("100000"), DailyPnl.DEFAULT_ZONE, clock);
        InMemoryOrderRepository orders = new InMemoryOrderRepository();
        DailyLossGuard guard = new DailyLossGuard(pnl, controls, new CancellingOpenOrders(orders,
                id -> Either.left(dev.tradingcore.domain.common.Rejection.of("none", "none"))),
                new RecordingAlertSink(), clock);
        return new RecordingPrices(cache, counting, positions, guard);
    }

    @Test
    void prices_mark_the_cached_position_at_once_and_reach_the_database_in_one_batch_with_the_stored_mark() {
        cache.accept(positions.save(Position.opened(AAPL, new BigDecimal("10"), Price.of("100"), BigDecimal.ZERO,
                BigDecimal.ZERO, Option.none(), clock.instant())));
        RecordingPrices prices = prices();

        for (int i = 0; i < 500; i++) {
            clock.advance(java.time.Duration.ofMillis(10));
            prices.update(Quote.last(AAPL, clock.instant(), Price.of(new BigDecimal("100").add(
                    BigDecimal.valueOf(i, 2)))));
        }

        assertThat(cache.get(AAPL).get().valuation().marketValue()).as("in memory at once")
                .isEqualTo(Money.of("1049.90"));
        assertThat(batches.get()).as("nothing written yet").isZero();
        assertThat(positions.findBySymbol(AAPL).get().markPrice()).isEmpty();

        assertThat(prices.flush()).isEqualTo(500);

        assertThat(batches.get()).as("one batch").isEqualTo(1);
        assertThat(stored.recent(AAPL, 1000)).hasSize(500);
        assertThat(positions.findBySymbol(AAPL).get().valuation().marketValue()).as("stored mark")
                .isEqualTo(Money.of("1049.90"));
        assertThat(positions.findBySymbol(AAPL).get().valuation().unrealizedPnl()).isEqualTo(Money.of("49.90"));
        assertThat(prices.flush()).as("nothing waiting").isZero();
    }

    @Test
    void an_older_price_does_not_take_the_mark_back() {
        RecordingPrices prices = prices();
        prices.update(Quote.last(AAPL, clock.instant().plusSeconds(5), Price.of("101")));
        prices.update(Quote.last(AAPL, clock.instant(), Price.of("99")));

        assertThat(cache.markOf(AAPL).get().price()).isEqualTo(Price.of("101"));
    }

    @Test
    void a_price_is_read_through_memory_then_the_cache_then_the_broker() {
        RecordingPrices prices = prices();
        AtomicInteger brokerCalls = new AtomicInteger();
        dev.tradingcore.domain.port.PriceSource broker = at -> {
            brokerCalls.incrementAndGet();
            return Either.right(List.of(Quote.last(AAPL, at, Price.of("150"))));
        };
        java.time.Duration fiveMinutes = java.time.Duration.ofMinutes(5);
        stored.upsert(Quote.last(AAPL, clock.instant().minusSeconds(60), Price.of("149")));

        assertThat(prices.priceOf(AAPL, clock.instant(), fiveMinutes, Option.some(broker)).get().price())
                .as("from the cache: no broker call").isEqualTo(Price.of("149"));
        assertThat(brokerCalls.get()).isZero();
        assertThat(cache.markOf(AAPL).get().price()).as("and now the mark").isEqualTo(Price.of("149"));

        clock.advance(java.time.Duration.ofMinutes(10));
        assertThat(prices.priceOf(AAPL, clock.instant(), fiveMinutes, Option.some(broker)).get().price())
                .as("too old: asked of the broker").isEqualTo(Price.of("150"));
        assertThat(brokerCalls.get()).isEqualTo(1);
        assertThat(prices.priceOf(AAPL, clock.instant(), fiveMinutes, Option.some(broker)).get().price())
                .as("then from memory").isEqualTo(Price.of("150"));
        assertThat(brokerCalls.get()).isEqualTo(1);
        assertThat(prices.priceOf(Symbol.of("MSFT"), clock.instant(), fiveMinutes, Option.none())).isEmpty();
    }

    /** A broker feed with one glitched price: the others are taken, the glitch is named, not taken. */
    @Test
    void a_polled_price_too_large_to_store_is_named_and_the_others_are_taken() {
        Symbol msft = Symbol.of("MSFT");
        dev.tradingcore.domain.port.PriceSource feed = at -> Either.right(List.of(
                Quote.last(AAPL, at, Price.of("190")), Quote.last(msft, at, Price.of("1000000000000"))));

        java.util.List<String> log = new java.util.ArrayList<>();
        InMemorySystemStateRepository state = new InMemorySystemStateRepository();
        RecordingPrices prices = new RecordingPrices(cache, counting, positions, new DailyLossGuard(new DailyPnl(cache,
                state, Money.of("100000"), DailyPnl.DEFAULT_ZONE, clock), new TradingControls(state,
                        new InMemoryAuditLog(), new RecordingAlertSink(), clock), new CancellingOpenOrders(
                                new InMemoryOrderRepository(), id -> Either.left(
                                        dev.tradingcore.domain.common.Rejection.of("none", "none"))),
                new RecordingAlertSink(), clock), log::add);

        assertThat(prices.pollFrom(feed, clock.instant())).as("taken").contains(1);
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(prices.pollFrom(feed, clock.instant())).contains(1);

        assertThat(log).as("named once, not at every poll").hasSize(1);
        assertThat(log.get(0)).contains("MSFT").contains("1000000000000").contains("1 other prices were taken");
        assertThat(prices.refused()).isEqualTo(2);

        assertThat(cache.markOf(AAPL).map(Quote::price)).contains(Price.of("190"));
        assertThat(cache.markOf(msft)).as("the glitch is no mark").isEmpty();
        assertThat(prices.flush()).as("written").isEqualTo(2);
        assertThat(stored.recent(msft, 10)).isEmpty();
    }

    /**
     * The database refuses a batch (a data error): before, the exception left flush, so the writer's thread lost the
     * batch in silence and a run that flushed itself was stopped by it. Now the batch is dropped, counted and said.
     */
    @Test
    void a_batch_the_database_refuses_is_dropped_counted_and_said_and_the_next_is_written() {
        java.util.List<String> log = new java.util.ArrayList<>();
        AtomicInteger refusals = new AtomicInteger(1);
        MarketDataRepository refusingOnce = new MarketDataRepository() {
            @Override
            public void upsert(Quote quote) {
                throw new AssertionError("one price, one round trip");
            }

            @Override
            public void upsertAll(List<Quote> quotes) {
                if (refusals.getAndDecrement() > 0) {
                    throw new IllegalStateException("ERROR: value too long for type character varying(20)");
                }
                stored.upsertAll(quotes);
            }

            @Override
            public Option<Quote> latest(Symbol symbol) {
                return stored.latest(symbol);
            }

            @Override
            public List<Quote> range(Symbol symbol, Instant from, Instant to) {
                return stored.range(symbol, from, to);
            }

            @Override
            public List<Quote> recent(Symbol symbol, int count) {
                return stored.recent(symbol, count);
            }
        };
        InMemorySystemStateRepository state = new InMemorySystemStateRepository();
        RecordingPrices prices = new RecordingPrices(cache, refusingOnce, positions, new DailyLossGuard(new DailyPnl(
                cache, state, Money.of("100000"), DailyPnl.DEFAULT_ZONE, clock), new TradingControls(state,
                        new InMemoryAuditLog(), new RecordingAlertSink(), clock), new CancellingOpenOrders(
                                new InMemoryOrderRepository(), id -> Either.left(
                                        dev.tradingcore.domain.common.Rejection.of("none", "none"))),
                new RecordingAlertSink(), clock), log::add);
        prices.update(Quote.last(AAPL, clock.instant(), Price.of("190")));
        prices.update(Quote.last(Symbol.of("MSFT"), clock.instant(), Price.of("420")));

        assertThat(prices.flush()).as("nothing written").isZero();

        assertThat(prices.dropped()).isEqualTo(2);
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).contains("2 prices").contains("value too long");
        clock.advance(java.time.Duration.ofSeconds(1));
        prices.update(Quote.last(AAPL, clock.instant(), Price.of("191")));
        assertThat(prices.flush()).as("the next batch").isEqualTo(1);
        assertThat(stored.recent(AAPL, 10)).hasSize(1);
    }
}
