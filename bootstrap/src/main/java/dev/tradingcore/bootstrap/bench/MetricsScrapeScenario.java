package dev.tradingcore.bootstrap.bench;

import dev.tradingcore.adapters.metrics.MicrometerMeters;
import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.metrics.CoreMetrics;
import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.monitoring.MetricsEndpoint;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 7: what a Prometheus scrape costs the fill path. The project's fill path, measured as the core measures it
 * (latency histogram and outcome counters in a Prometheus registry with the JVM binders and HikariCP's tracker on
 * the bench's pools), at 4 writers, in alternating
 * rounds: scraped over HTTP ({@code GET /metrics} of the core's endpoint) every second, and not scraped. Rate is
 * scraped over not scraped: the budget is a loss of at most 3 %. A scrape every second is fifteen times Prometheus'
 * default interval.
 */
final class MetricsScrapeScenario implements Scenario {

    private static final int WRITERS = 4;
    private static final int SYMBOLS_PER_WRITER = 8;
    private static final BigDecimal PRICE = new BigDecimal("100.25000000");
    private static final Duration SCRAPE_EVERY = Duration.ofSeconds(1);

    private final AtomicLong sequence = new AtomicLong();

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String name() {
        return "metrics scrape";
    }

    private static String orderId(int writer, int k) {
        return "scrape-" + writer + "-" + k;
    }

    private static String symbol(int writer, int k) {
        return "S" + writer + "X" + k;
    }

    @Override
    public List<BenchRow> run(BenchContext context) throws Exception {
        createOrders(context);
        PrometheusMeterRegistry registry = MetricsEndpoint.registry();
        CoreMetrics metrics = new CoreMetrics(new MicrometerMeters(registry));
        // HikariCP's series for every pool, as the core has them: most of a scrape's lines.
        context.database().pools().trackWith(
                new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
        PostgresPersistence persistence = context.database().persistence();
        ApplyFill fills = metrics.measuring(new ApplyingFill(persistence.fillJournal(), persistence.positions(),
                new PositionCache(), context.alerts(), context.clock()));
        AtomicBoolean scraping = new AtomicBoolean();
        AtomicLong scrapes = new AtomicLong();
        AtomicLong scrapeBytes = new AtomicLong();
        AtomicLong scrapeNanos = new AtomicLong();
        int[] next = new int[WRITERS];
        Rounds.Operation scraped = worker -> {
            scraping.set(true);
            fill(context, fills, worker, next);
        };
        Rounds.Operation quiet = worker -> {
            scraping.set(false);
            fill(context, fills, worker, next);
        };
        Optional<MetricsEndpoint> endpoint = MetricsEndpoint.start(new Settings.Metrics(Optional.of(0), "127.0.0.1"),
                registry, Optional::empty);
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + endpoint.orElseThrow().address().getPort() + "/metrics");
        Thread scraper = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(SCRAPE_EVERY.toMillis());
                    if (scraping.get()) {
                        long started = System.nanoTime();
                        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        scrapeNanos.addAndGet(System.nanoTime() - started);
                        scrapes.incrementAndGet();
                        scrapeBytes.set(answer.body().length);
                    }
                } catch (InterruptedException stop) {
                    return;
                } catch (java.io.IOException failed) {
                    throw new BenchFailure("scraping /metrics failed: " + failed);
                }
            }
        }, "bench-scraper");
        scraper.setDaemon(true);
        scraper.start();
        try {
            context.progress("7 metrics scrape: %d writers", WRITERS);
            Rounds.alternate(1, WRITERS, context.options().roundDuration(), scraped, new Rounds.Tally(), quiet,
                    new Rounds.Tally());
            Rounds.Tally a = new Rounds.Tally();
            Rounds.Tally b = new Rounds.Tally();
            // Half the rounds scraped first, half quiet first: two runs that always ran the scraped path first in
            // each pair both showed it 19 % faster than the quiet path, which no scrape explains; the position in
            // the pair is the suspect, and alternating it cancels whatever it adds.
            int half = Math.max(1, context.options().rounds() / 2);
            Rounds.alternate(half, WRITERS, context.options().roundDuration(), scraped, a, quiet, b);
            Rounds.alternate(half, WRITERS, context.options().roundDuration(), quiet, b, scraped, a);
            // The scrape's own CPU, which the rates above cannot resolve on a loaded machine: 200 renderings of the
            // registry on this thread, against the CPU the fill path's callers spent per second.
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuBefore = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 200; i++) {
                registry.scrape();
            }
            double scrapeCpuMicros = (cpu.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / 200;
            double fillCpuMicrosPerSecond = a.cpuMicrosPerOperation() * a.perSecond();
            return List.of(BenchRow.of("7 metrics scrape", WRITERS + " writers, scraped every "
                    + SCRAPE_EVERY.toSeconds() + " s / not scraped", "fills/s", a.measurement(), b.measurement())
                    .note("fills", a.operations + " / " + b.operations)
                    .note("scrapes", Long.toString(scrapes.get()))
                    .note("scrape size", scrapeBytes.get() + " bytes")
                    .note("mean scrape (request to last byte)", String.format(java.util.Locale.ROOT, "%.2f ms",
                            scrapes.get() == 0 ? 0 : scrapeNanos.get() / 1e6 / scrapes.get()))
                    .note("CPU per scrape (rendering)", String.format(java.util.Locale.ROOT, "%.0f us",
                            scrapeCpuMicros))
                    .note("scrape CPU per second / fill callers' CPU per second", String.format(java.util.Locale.ROOT,
                            "%.0f us / %.0f us = %.2f %%", scrapeCpuMicros / SCRAPE_EVERY.toSeconds(),
                            fillCpuMicrosPerSecond, 100 * scrapeCpuMicros / SCRAPE_EVERY.toSeconds()
                                    / fillCpuMicrosPerSecond)));
        } finally {
            scraper.interrupt();
            endpoint.ifPresent(MetricsEndpoint::close);
        }
    }

    private void fill(BenchContext context, ApplyFill fills, int worker, int[] next) {
        int k = next[worker]++ % SYMBOLS_PER_WRITER;
        Trade trade = new Trade(TradeId.of("sc-" + sequence.incrementAndGet()), OrderId.of(orderId(worker, k)),
                Symbol.of(symbol(worker, k)), Side.BUY, Quantity.of(1), Price.of(PRICE), context.clock().instant(),
                new BigDecimal("0.01"), Option.some(Liquidity.TAKER));
        FillOutcome outcome = fills.apply(trade);
        if (!(outcome instanceof FillOutcome.Applied)) {
            throw new BenchFailure("the fill path answered " + outcome);
        }
    }

    private static void createOrders(BenchContext context) throws Exception {
        Instant at = context.clock().instant();
        try (Connection c = context.database().connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO orders (order_id, client_order_id, symbol, "
                        + "side, quantity, order_type, time_in_force, limit_price, status, submitted_at, updated_at) "
                        + "VALUES (?, ?, ?, 'buy', 1000000000, 'limit', 'gtc', 1000, 'submitted', ?, ?)")) {
            for (int w = 0; w < WRITERS; w++) {
                for (int k = 0; k < SYMBOLS_PER_WRITER; k++) {
                    ps.setString(1, orderId(w, k));
                    ps.setString(2, orderId(w, k));
                    ps.setString(3, symbol(w, k));
                    ps.setObject(4, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
                    ps.setObject(5, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
