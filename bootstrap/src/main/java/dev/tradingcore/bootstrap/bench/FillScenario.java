package dev.tradingcore.bootstrap.bench;

import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.fill.FillBatchStatistics;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 1: the fill transaction (trade, position, order, audit line) through {@link ApplyingFill} over the guarded
 * PostgreSQL journal (write-combined: many fills per transaction), against one plain-JDBC transaction per fill with
 * the statements the single-fill path runs ({@link FillSql}), at 1 to 32 concurrent writers. Each writer books buys of its own eight symbols, one order each, so that writers do not queue on each
 * other's rows: the figure is the database's and the path's, not lock contention's. Both paths run on pools of the
 * execution pool's size (5): at 8 writers, three wait for a connection on either path.
 */
final class FillScenario implements Scenario {

    private static final int SYMBOLS_PER_WRITER = 8;
    private static final int WARM_UP_WRITERS = 4;
    private static final BigDecimal ONE = BigDecimal.ONE.setScale(8);
    private static final BigDecimal PRICE = new BigDecimal("100.25000000");

    private final AtomicLong sequence = new AtomicLong();

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String name() {
        return "fill";
    }

    private static String symbol(String path, int writer, int k) {
        return "F" + path + writer + "X" + k;
    }

    private static String orderId(String path, int writer, int k) {
        return "fill-" + path + "-" + writer + "-" + k;
    }

    @Override
    public List<BenchRow> run(BenchContext context) throws Exception {
        // At least the warm-up's 4 writers, whatever levels were chosen.
        int maxWriters = Math.max(WARM_UP_WRITERS,
                context.options().writerLevels().stream().mapToInt(Integer::intValue).max().orElse(1));
        createOrders(context, maxWriters);
        long alertsBefore = context.alerts().count();
        PostgresPersistence persistence = context.database().persistence();
        PositionCache cache = new PositionCache();
        ApplyingFill fills = new ApplyingFill(persistence.fillJournal(), persistence.positions(), cache,
                context.alerts(), context.clock());
        int[][] next = new int[2][maxWriters];
        ServerCpu server;
        try (Connection c = context.database().connect()) {
            server = ServerCpu.of(c);
        }
        Rounds.Operation project = worker -> {
            int k = next[0][worker]++ % SYMBOLS_PER_WRITER;
            Trade trade = new Trade(TradeId.of("fa-" + sequence.incrementAndGet()),
                    OrderId.of(orderId("A", worker, k)), Symbol.of(symbol("A", worker, k)), Side.BUY, Quantity.of(1),
                    Price.of(PRICE), context.clock().instant(), new BigDecimal("0.01"), Option.some(Liquidity.TAKER));
            FillOutcome outcome = fills.apply(trade);
            if (!(outcome instanceof FillOutcome.Applied)) {
                throw new BenchFailure("the project's fill path answered " + outcome);
            }
        };
        Rounds.Operation baseline = worker -> {
            int k = next[1][worker]++ % SYMBOLS_PER_WRITER;
            FillSql.fill(context.database().baseline(), "fb-" + sequence.incrementAndGet(), orderId("B", worker, k),
                    symbol("B", worker, k), ONE, PRICE, context.clock().instant());
        };
        List<BenchRow> rows = new ArrayList<>();
        rows.add(CommitFloor.measure(context, context.options().roundDuration().multipliedBy(2)));
        for (int writers : context.options().writerLevels()) {
            context.progress("1 fill: %d writer(s)", writers);
            if (writers == context.options().writerLevels().get(0)) {
                // Warm-up before the first step, not measured: half a step of each path at 4 writers, so that the
                // JIT has compiled both paths (MyBatis' reflection takes thousands of calls to get there).
                Rounds.alternate(1, WARM_UP_WRITERS, context.options().stepDuration().dividedBy(2), project, new Rounds.Tally(),
                        baseline, new Rounds.Tally());
                // And half a step at 1 writer: at 4 the combining journal books its fills in batches, so its
                // per-batch code had run a few hundred times only; repeated 1-writer steps in one run measured the
                // first at 635 µs of client CPU per fill and the later ones at 244 and 350 (docs/benchmarks.md).
                Rounds.alternate(1, 1, context.options().stepDuration().dividedBy(2), project, new Rounds.Tally(),
                        baseline, new Rounds.Tally());
            }
            // Half a round of each path at this step's concurrency, not measured.
            Rounds.alternate(1, writers, context.options().roundDuration().dividedBy(2), project,
                    new Rounds.Tally(), baseline, new Rounds.Tally());
            Rounds.Tally a = new Rounds.Tally();
            Rounds.Tally b = new Rounds.Tally();
            a.otherClientCpu = () -> persistence.fillBatchStatistics().writerThreadCpuNanos();
            a.serverCpu = server::nanos;
            b.serverCpu = server::nanos;
            FillBatchStatistics before = persistence.fillBatchStatistics();
            Rounds.alternate(context.options().rounds(), writers, context.options().roundDuration(), project, a,
                    baseline, b);
            FillBatchStatistics batches = persistence.fillBatchStatistics().minus(before);
            rows.add(BenchRow.of("1 fill", writers + " writer" + (writers == 1 ? "" : "s"), "fills/s",
                    a.measurement(), b.measurement()).note("fills", a.operations + " / " + b.operations)
                    .note("client CPU per fill", String.format("%.0f / %.0f us", a.clientCpuMicrosPerOperation(),
                            b.clientCpuMicrosPerOperation()))
                    .note("server CPU per fill", Double.isNaN(a.serverCpuMicrosPerOperation()) ? "n/a"
                            : String.format("%.0f / %.0f us", a.serverCpuMicrosPerOperation(),
                                    b.serverCpuMicrosPerOperation()))
                    .note("batch size mean / p99", String.format("%.2f / %d", batches.meanBatchSize(),
                            batches.p99BatchSize()))
                    .note("round trips per batch", String.format("%.2f (baseline: 7 per fill)",
                            batches.roundTripsPerBatch()))
                    .note("batches run again after a race", Long.toString(batches.racedRuns())));
        }
        if (context.alerts().count() > alertsBefore) {
            throw new BenchFailure("fills raised alerts: " + context.alerts().last());
        }
        return rows;
    }

    /** One order per writer and symbol, large enough never to be over-filled, for each path. */
    private static void createOrders(BenchContext context, int writers) throws Exception {
        Instant at = context.clock().instant();
        try (Connection c = context.database().connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO orders (order_id, client_order_id, symbol, "
                        + "side, quantity, order_type, time_in_force, limit_price, status, submitted_at, updated_at) "
                        + "VALUES (?, ?, ?, 'buy', 1000000000, 'limit', 'gtc', 1000, 'submitted', ?, ?)")) {
            for (String path : new String[] {"A", "B"}) {
                for (int w = 0; w < writers; w++) {
                    for (int k = 0; k < SYMBOLS_PER_WRITER; k++) {
                        ps.setString(1, orderId(path, w, k));
                        ps.setString(2, orderId(path, w, k));
                        ps.setString(3, symbol(path, w, k));
                        ps.setObject(4, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
                        ps.setObject(5, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
                        ps.addBatch();
                    }
                }
            }
            ps.executeBatch();
        }
    }
}
