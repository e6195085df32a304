package dev.tradingcore.application.marketdata;

import dev.tradingcore.application.port.in.UpdatePrices;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.risk.DailyLossGuard;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.marketdata.MarketDataRepository;
import dev.tradingcore.domain.marketdata.Quote;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.position.VersionedPosition;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prices into the core, without a database round trip per tick.
 *
 * <ul>
 *   <li>Each price marks its symbol in the {@link PositionCache} at once: every read of a position (order checks,
 *       the daily P&amp;L, the embedding API) sees it valued at its latest price.</li>
 *   <li>Each price is checked against the daily loss limit ({@link DailyLossGuard}): in memory, no database.</li>
 *   <li>Prices are buffered and written to {@code market_data_cache} in one batch by {@link #flush()}, which also
 *       brings the stored positions' marks (mark price, market value, unrealized P&amp;L) up to date. It runs every
 *       {@code interval}, and when the core stops; fills write their own mark in their own transaction.</li>
 * </ul>
 * Timestamps are cut to microseconds, PostgreSQL's resolution, so two prices of one symbol in the same microsecond
 * are one row (the later wins). A flush that fails (database away) keeps its prices for the next one; beyond
 * {@link #MAX_BUFFERED} waiting prices the oldest are dropped and counted ({@link #dropped()}). A batch the database
 * refuses (a data error: sent again it would be refused again) is dropped, counted and said in the log.
 */
public final class RecordingPrices implements UpdatePrices, AutoCloseable {

    /** Prices kept while the database does not take them. */
    public static final int MAX_BUFFERED = 1_000_000;

    private final PositionCache cache;
    private final MarketDataRepository marketData;
    private final PositionRepository positions;
    private final DailyLossGuard guard;
    private final ArrayDeque<Quote> buffer = new ArrayDeque<>();
    private final Object flushing = new Object();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedFlushes = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastRefusalLog = new AtomicLong();
    private final AtomicLong lastFailureLog = new AtomicLong();
    private final java.util.function.Consumer<String> log;
    private ScheduledExecutorService scheduler;

    public RecordingPrices(PositionCache cache, MarketDataRepository marketData, PositionRepository positions,
            DailyLossGuard guard) {
        this(cache, marketData, positions, guard, line -> { });
    }

    /** @param log where the prices a source gave and could not be taken are named */
    public RecordingPrices(PositionCache cache, MarketDataRepository marketData, PositionRepository positions,
            DailyLossGuard guard, java.util.function.Consumer<String> log) {
        this.cache = cache;
        this.marketData = marketData;
        this.positions = positions;
        this.guard = guard;
        this.log = java.util.Objects.requireNonNull(log, "log");
    }

    /** Prices a source gave that could not be taken (too large to store). */
    public long refused() {
        return refused.get();
    }

    /**
     * Prices (and bids, asks) are stored as DECIMAL(20, 8): twelve digits before the point. One above would be taken
     * in memory (marking its position, feeding the daily loss limit) and then make the batch it is in fail to write,
     * losing every other price of the batch with no word said. It is refused at the door instead.
     */
    static final java.math.BigDecimal PRICE_LIMIT = java.math.BigDecimal.TEN.pow(12);

    private static boolean storable(Quote q) {
        return q.price().value().compareTo(PRICE_LIMIT) < 0
                && !q.bid().exists(b -> b.value().compareTo(PRICE_LIMIT) >= 0)
                && !q.ask().exists(a -> a.value().compareTo(PRICE_LIMIT) >= 0);
    }

    private static String refusal(Quote q) {
        return "price of " + q.symbol() + " at " + q.timestamp() + " refused: " + q.price()
                + q.bid().map(b -> ", bid " + b).getOrElse("") + q.ask().map(a -> ", ask " + a).getOrElse("")
                + " must be below " + PRICE_LIMIT.toPlainString() + " (what the market data cache holds)";
    }

    @Override
    public void update(List<Quote> quotes) {
        if (quotes.isEmpty()) {
            return;
        }
        Option<Quote> tooLarge = quotes.find(q -> !storable(q));
        if (tooLarge.isDefined()) {
            throw new IllegalArgumentException(refusal(tooLarge.get()) + "; none of the " + quotes.size()
                    + " prices was taken");
        }
        List<Quote> exact = quotes.map(q -> new Quote(q.symbol(), q.timestamp().truncatedTo(ChronoUnit.MICROS),
                q.price(), q.bid(), q.ask(), q.volume()));
        exact.forEach(cache::mark);
        synchronized (buffer) {
            exact.forEach(buffer::addLast);
            while (buffer.size() > MAX_BUFFERED) {
                buffer.removeFirst();
                dropped.incrementAndGet();
            }
        }
        guard.check();
    }

    /**
     * The symbol's price, read through: the mark in memory when it is younger than {@code maxAge}; else the market
     * data cache's latest when young enough (it becomes the mark: a restarted core needs no broker call for it);
     * else the source's (a broker call), which is kept like any price. None when no one has a fresh one.
     */
    public io.vavr.control.Option<Quote> priceOf(dev.tradingcore.domain.common.Symbol symbol, java.time.Instant now,
            Duration maxAge, io.vavr.control.Option<dev.tradingcore.domain.port.PriceSource> source) {
        java.util.function.Predicate<Quote> fresh = q -> !q.timestamp().plus(maxAge).isBefore(now);
        io.vavr.control.Option<Quote> inMemory = cache.markOf(symbol).filter(fresh);
        if (inMemory.isDefined()) {
            return inMemory;
        }
        io.vavr.control.Option<Quote> cached;
        try {
            cached = marketData.latest(symbol).filter(fresh);
        } catch (StoreUnavailableException unavailable) {
            cached = io.vavr.control.Option.none();
        }
        if (cached.isDefined()) {
            cache.mark(cached.get());
            return cached;
        }
        if (source.isDefined()) {
            source.get().latestPrices(now).peek(quotes -> update(quotes.filter(RecordingPrices::storable)));
            return cache.markOf(symbol).filter(fresh);
        }
        return io.vavr.control.Option.none();
    }

    /**
     * Marks each symbol at its latest cached price, without writing anything: at start, so that a restarted core
     * values its positions at once (shown stale when old) without asking the broker.
     */
    public void markFromCache(List<dev.tradingcore.domain.common.Symbol> symbols) {
        for (dev.tradingcore.domain.common.Symbol symbol : symbols) {
            marketData.latest(symbol).forEach(cache::mark);
        }
    }

    /**
     * Takes every price a source has (the simulation's feed, a broker's positions) as if pushed. Returns how many, or
     * the source's failure (nothing changed). A price too large to store is not taken, the others are (one symbol's
     * glitch does not keep every other symbol's price out); it is counted ({@link #refused()}) and named in the log,
     * once a minute at most.
     */
    public io.vavr.control.Either<dev.tradingcore.domain.port.BrokerFailure, Integer> pollFrom(
            dev.tradingcore.domain.port.PriceSource source, java.time.Instant at) {
        return source.latestPrices(at).map(quotes -> {
            List<Quote> taken = quotes.filter(RecordingPrices::storable);
            update(taken);
            if (taken.size() < quotes.size()) {
                refused.addAndGet(quotes.size() - taken.size());
                String line = quotes.filter(q -> !storable(q)).map(RecordingPrices::refusal).mkString("; ")
                        + "; the " + taken.size() + " other prices were taken";
                // Said once a minute at most: a feed that keeps the glitch would otherwise log every poll.
                sayLimited(lastRefusalLog, line + " (" + refused.get() + " refused since the start)");
            }
            return taken.size();
        });
    }

    /**
     * Writes the waiting prices in one batch, then the marks of the stored positions. Returns how many prices were
     * written. A database that does not answer keeps them for the next flush.
     */
    public int flush() {
        synchronized (flushing) {
            List<Quote> batch;
            synchronized (buffer) {
                batch = List.ofAll(buffer);
                buffer.clear();
            }
            try {
                marketData.upsertAll(batch);
                written.addAndGet(batch.size());
            } catch (StoreUnavailableException unavailable) {
                failedFlushes.incrementAndGet();
                synchronized (buffer) {
                    batch.reverse().forEach(buffer::addFirst);
                }
                return 0;
            } catch (RuntimeException refused) {
                // The database answered and refused the batch: sent again it would be refused again. Dropped, counted
                // and said (it was lost in silence on the writer's thread, or stopped a run that flushed it itself).
                failedFlushes.incrementAndGet();
                dropped.addAndGet(batch.size());
                sayLimited(lastFailureLog, "prices: the database refused a batch of " + batch.size()
                        + " prices, which are dropped (" + refused.getMessage() + "); " + dropped.get()
                        + " dropped since the start");
                return 0;
            }
            try {
                List<VersionedPosition> marked = cache.allVersioned()
                        .filter(v -> !v.position().isFlat() && cache.markOf(v.position().symbol()).isDefined());
                positions.saveMarks(marked);
            } catch (StoreUnavailableException unavailable) {
                // The prices are written: only the stored marks wait, taken again from memory at the next flush.
                failedFlushes.incrementAndGet();
            } catch (RuntimeException refused) {
                failedFlushes.incrementAndGet();
                sayLimited(lastFailureLog, "prices: the positions' marks could not be stored (" + refused.getMessage()
                        + "); tried again at the next flush");
            }
            return batch.size();
        }
    }

    /**
     * Said once a minute at most per kind ({@code lastSaid}, in nanoseconds), whatever is said: a failure that
     * repeats at every flush or poll is not a log storm.
     */
    private void sayLimited(AtomicLong lastSaid, String line) {
        long now = System.nanoTime();
        long last = lastSaid.get();
        if ((last == 0 || now - last >= 60_000_000_000L) && lastSaid.compareAndSet(last, now)) {
            log.accept(line);
        }
    }

    /** Flushes every {@code interval} on a thread of its own. */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "price-writer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                flush();
            } catch (RuntimeException unexpected) {
                failedFlushes.incrementAndGet(); // a task that throws is never run again: count it, keep going
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Prices written to the market data cache by this process. */
    public long written() {
        return written.get();
    }

    /** Prices dropped: the database did not take them for too long, or refused them. */
    public long dropped() {
        return dropped.get();
    }

    public long failedFlushes() {
        return failedFlushes.get();
    }

    /** Stops the timer and writes what is waiting. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        flush();
    }
}
