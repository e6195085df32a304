package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.adapters.postgres.schema.DatabaseStatus;
import dev.tradingcore.application.order.OrderRateGuard;
import dev.tradingcore.application.order.RestingOrders;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.application.port.in.MarkedPosition;
import dev.tradingcore.bootstrap.TradingCore;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.PriceSource;
import dev.tradingcore.bootstrap.cdi.WriteLatencies;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.run.Instruments;
import dev.tradingcore.bootstrap.run.SampleStrategy;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.risk.RiskSnapshot;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The main job: a paper-trading session. It starts the core (schema, recovery of the previous session), drives it with
 * the sample strategy through the public embedding API, keeps the broker sync going, and ends with a summary.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a paper-trading session with the sample strategy and print a summary. With nothing"
                + " configured: the embedded database and the in-process simulation, both kept in the home for the next"
                + " run. Exit status: 0 done, 2 bad usage or configuration or the database follows another broker"
                + " account, 3 failed or start-up recovery incomplete (no order placed).")
final class RunCommand implements Callable<Integer> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions brokerOptions;

    @picocli.CommandLine.Option(names = "--orders", paramLabel = "N", description = "Orders to place (default 200, unless --duration)")
    Integer orders;

    @picocli.CommandLine.Option(names = "--metrics-port", paramLabel = "P",
            description = "Serve /metrics (Prometheus) and /health/live, /health/ready on this port while the run lasts"
                    + " (METRICS_PORT; METRICS_BIND, default loopback)")
    Integer metricsPort;

    @picocli.CommandLine.Option(names = "--duration", paramLabel = "TIME", description = "Run for this long instead, e.g. 60s, 5m")
    String duration;

    @picocli.CommandLine.Option(names = "--trade-despite-incomplete-recovery",
            description = "Trade although start-up recovery was incomplete (the broker or the database did not answer,"
                    + " so what the ledger holds is not known for sure); audited. Without it such a run places no"
                    + " order and exits 3.")
    boolean tradeDespiteIncompleteRecovery;

    @picocli.CommandLine.Option(names = "--symbols", split = ",", paramLabel = "SYM",
            description = "Symbols to trade (default AAPL,MSFT,GOOG,AMZN,NVDA)")
    java.util.List<String> symbols = java.util.List.of("AAPL", "MSFT", "GOOG", "AMZN", "NVDA");

    @Override
    public Integer call() throws Exception {
        List<Symbol> traded = symbols();
        brokerOptions.validate();
        Settings settings = parent.config.load();
        if (metricsPort != null) {
            if (metricsPort < 0 || metricsPort > 65535) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--metrics-port must be from 0 to 65535, got " + metricsPort);
            }
            settings = settings.withMetricsPort(metricsPort);
        }
        if (orders != null && duration != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give either --orders or --duration, not both");
        }
        if (orders != null && orders < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--orders must not be negative");
        }
        Duration limit = duration == null ? null : RunDurations.parse(duration, spec);
        int orderLimit = orders != null ? orders : (limit != null ? Integer.MAX_VALUE : 200);
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        TradingCore.Builder builder = TradingCore.builder().settings(settings).clock(clock).backgroundJobs(false)
                .auditSealing(true)
                .tradeDespiteIncompleteRecovery(tradeDespiteIncompleteRecovery);
        BrokerOptions.Opened broker = brokerOptions.applyTo(builder, settings, clock);

        out.printf("trading-core run: database %s%n", settings.describeDatabase());
        out.flush();
        // SIGTERM or Ctrl-C: the session stops trading and ends as it ends normally (resting orders cancelled or
        // left, each named; summary; core closed) before the JVM goes, instead of leaving orders working unsaid.
        java.util.concurrent.atomic.AtomicBoolean stopAsked = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            stopAsked.set(true);
            try {
                ended.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }, "run-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return session(settings, builder, broker, traded, orderLimit, limit, out, stopAsked);
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is going: the hook is what waits for this.
            }
        }
    }

    private int session(Settings settings, TradingCore.Builder builder, BrokerOptions.Opened broker,
            List<Symbol> traded, int orderLimit, Duration limit, PrintWriter out,
            java.util.concurrent.atomic.AtomicBoolean stopAsked) throws Exception {
        try (TradingCore core = StartedCore.start(builder, "run", spec)) {
            StartedCore.describe(core, broker, out);
            RecoveryReport recovery = core.recoveryReport();
            out.printf("recovery: %s, %d positions loaded%n", recovery.outcome().name().toLowerCase(Locale.ROOT),
                    core.positions().size());
            recovery.summary().forEach(line -> out.printf("  %s%n", line));
            out.flush();
            if (core.ordersHeld().isDefined()) {
                StartedCore.refuseToTrade(core, spec);
                PrintWriter err = spec.commandLine().getErr();
                core.stopTrading(RestingOrders.Trigger.STOP, "no order placed: start-up recovery is incomplete")
                        .lines().forEach(err::println);
                err.flush();
                return TradingCoreCommand.FAILED;
            }
            if (recovery.outcome() == RecoveryReport.Outcome.INCOMPLETE) {
                out.println("trading despite the incomplete recovery, as asked (--trade-despite-incomplete-recovery;"
                        + " audited)");
            }
            Session session = new Session(core, broker, traded, brokerOptions.seed, out, stopAsked,
                    settings.trading().riskSnapshotInterval());
            try {
                session.trade(orderLimit, limit);
                if (stopAsked.get()) {
                    out.println("stop asked (SIGTERM or Ctrl-C): no more orders");
                } else {
                    session.settle();
                }
            } catch (RuntimeException | Error failure) {
                // Stopped by a failure: before anything else, our orders resting at the broker (cancelled or left,
                // as configured), each named; then the failure itself, as every command reports one.
                PrintWriter err = spec.commandLine().getErr();
                RestingOrders.Report report = core.stopTrading(RestingOrders.Trigger.FAILURE, rootCause(failure));
                report.lines().forEach(err::println);
                err.flush();
                throw failure;
            }
            RestingOrders.Report report = core.stopTrading(RestingOrders.Trigger.STOP, stopAsked.get()
                    ? "the process was asked to stop" : "the session ended");
            report.lines().forEach(out::println);
            out.flush();
            printSummary(core, session, out);
        } catch (StartedCore.Refused refused) {
            return refused.exitCode();
        } finally {
            broker.save();
        }
        return 0;
    }

    /** The innermost cause's first line: what failed, without the wrappers' dumps. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        String line = TradingCoreCommand.oneLine(root.getMessage());
        return line.isEmpty() ? root.getClass().getSimpleName() : line;
    }

    /** The symbols to trade, each as the broker spells it; a bad one is a usage error naming it. */
    private List<Symbol> symbols() {
        List<Symbol> traded = List.empty();
        for (String text : symbols) {
            try {
                traded = traded.append(Symbol.of(text.strip()));
            } catch (IllegalArgumentException bad) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--symbols: '" + text
                        + "' is not a symbol as the broker spells it (upper case, e.g. AAPL, BRK.B, BTC/USD)");
            }
        }
        return traded;
    }

    /** One session's loop and its counts. */
    private static final class Session {

        private final TradingCore core;
        private final java.util.concurrent.atomic.AtomicBoolean stopAsked;
        private final BrokerOptions.Opened broker;
        private final SampleStrategy strategy;
        private final PrintWriter out;
        private final Outcomes outcomes = new Outcomes();
        private final BigDecimal realizedAtStart;
        private int placed;
        private long fillsRecorded;

        private final Option<PriceSource> prices;
        private final Duration snapshotEvery;
        private long lastFlush = System.nanoTime();
        private long lastPoll;
        private long lastSnapshot = System.nanoTime();

        Session(TradingCore core, BrokerOptions.Opened broker, List<Symbol> symbols, long seed, PrintWriter out,
                java.util.concurrent.atomic.AtomicBoolean stopAsked, Duration snapshotEvery) {
            this.stopAsked = stopAsked;
            this.core = core;
            this.broker = broker;
            this.snapshotEvery = snapshotEvery;
            // The simulation's price feed after every step; a REST broker's positions (current_price) once a second.
            BrokerGateway gateway = core.component(BrokerGateway.class);
            if (gateway instanceof dev.tradingcore.application.metrics.MeasuredBroker measured) {
                gateway = measured.measured();
            }
            this.prices = broker.simulation().<PriceSource>map(sim -> sim)
                    .orElse(gateway instanceof PriceSource source ? Option.some(source) : Option.none());
            this.strategy = new SampleStrategy(symbols, seed);
            this.out = out;
            this.realizedAtStart = realizedNow(core);
        }

        void trade(int orderLimit, Duration limit) {
            long started = System.nanoTime();
            long deadline = limit == null ? Long.MAX_VALUE : started + limit.toNanos();
            long lastProgress = started;
            int progressEvery = Math.max(1, Math.min(orderLimit, 1_000_000) / 10);
            while (placed < orderLimit && System.nanoTime() < deadline && !stopAsked.get()) {
                Option<OrderTicket> ticket = strategy.next(this::price, core::position);
                if (ticket.isDefined()) {
                    SubmitResult result = core.submit(ticket.get());
                    outcomes.count(result);
                    placed++;
                    if (result instanceof SubmitResult.Refused refused) {
                        // A refused order is not sent again at once: looping on refusals after an outage made
                        // storms of 500 a second. Longer when the order storm guard says too fast.
                        pause(refused.reason().code().equals(OrderRateGuard.REFUSED) ? 100 : 20);
                    }
                }
                broker.simulation().forEach(sim -> sim.step());
                marketMoved();
                fillsRecorded += core.syncWithBroker().fills().applied();
                boolean everyN = orderLimit != Integer.MAX_VALUE && placed % progressEvery == 0 && ticket.isDefined();
                if (everyN || System.nanoTime() - lastProgress > 5_000_000_000L) {
                    lastProgress = System.nanoTime();
                    progress(orderLimit, started, deadline);
                }
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Lets the market work the orders still open for a few more steps, recording their fills. */
        void settle() {
            for (int i = 0; i < 20; i++) {
                broker.simulation().forEach(sim -> sim.step());
                marketMoved();
                fillsRecorded += core.syncWithBroker().fills().applied();
            }
            lastPoll = 0;
            marketMoved();
            core.flushPrices();
        }

        /**
         * The market's prices into the core (each marks its position and is checked against the daily loss limit);
         * once a second the waiting prices are written in one batch with the stored marks, and a risk snapshot is
         * taken every risk snapshot interval, as the background jobs would.
         */
        private void marketMoved() {
            long now = System.nanoTime();
            if (prices.isDefined() && (broker.simulation().isDefined() || now - lastPoll >= 1_000_000_000L)) {
                lastPoll = now;
                unlessDatabaseAway(() -> core.pollPrices(prices.get()));
            }
            if (now - lastFlush >= 1_000_000_000L) {
                lastFlush = now;
                core.flushPrices();
                // A 'trading disable' typed during the session stops it within a second.
                unlessDatabaseAway(() -> core.controls().reload());
            }
            if (now - lastSnapshot >= snapshotEvery.toNanos()) {
                lastSnapshot = now;
                unlessDatabaseAway(core::snapshotRisk);
            }
        }

        /**
         * The session rides through a database outage (degraded mode): what needs the database waits for its next
         * turn (prices stay marked in memory, the switch as last read, the next snapshot at its interval).
         */
        private static void unlessDatabaseAway(Runnable work) {
            try {
                work.run();
            } catch (dev.tradingcore.domain.common.StoreUnavailableException away) {
                LOG.debug("skipped while the database is away: {}", away.getMessage());
            }
        }

        private void progress(int orderLimit, long started, long deadline) {
            String done = orderLimit != Integer.MAX_VALUE
                    ? String.format(Locale.ROOT, "%3d%% %d/%d orders", placed * 100L / orderLimit, placed, orderLimit)
                    : String.format(Locale.ROOT, "%3d%% %d orders",
                            Math.min(100, (System.nanoTime() - started) * 100 / Math.max(1, deadline - started)), placed);
            // Open orders are read from the database; while it is away the session goes on and says so.
            String open;
            try {
                open = core.positions().map(Position::symbol).flatMap(s -> core.orders().activeBySymbol(s)).size()
                        + " open orders";
            } catch (StoreUnavailableException unavailable) {
                open = "open orders not known (database unavailable)";
            }
            out.printf("[%s] %d fills, %s, realized P&L %s%s%n", done, fillsRecorded, open,
                    Money.rounded(core.positions().map(Position::realizedPnl).fold(BigDecimal.ZERO, BigDecimal::add)),
                    core.positionsStale().map(stale -> "; " + stale + ". New orders are refused until it is back;"
                            + " nothing to do unless it stays away (see docs/operations.md, degraded mode)")
                            .getOrElse(""));
            out.flush();
        }

        private Option<Price> price(Symbol symbol) {
            if (broker.simulation().isDefined()) {
                return broker.simulation().get().exchange().price(symbol).map(Price::of);
            }
            return core.position(symbol).flatMap(p -> p.markPrice().orElse(p.averagePrice()))
                    .orElse(() -> Option.of(DEFAULT_PRICES.get(symbol.value())).map(Price::of));
        }
    }

    /** Starting prices for a REST broker, before our own fills tell us better. */
    private static final Map<String, String> DEFAULT_PRICES = Map.of("AAPL", "190.00", "MSFT", "420.00", "GOOG",
            "170.00", "AMZN", "185.00", "NVDA", "120.00");

    /** Realized P&amp;L of every position the core holds, over all sessions. */
    private static BigDecimal realizedNow(TradingCore core) {
        return core.positions().map(Position::realizedPnl).fold(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * What became of this session's orders, by outcome and, for those that did not reach the market, by reason:
     * "40 refused" alone does not say whether a risk limit or a fault did it.
     */
    static final class Outcomes {

        private int accepted;
        private final Map<String, Integer> refused = new TreeMap<>();
        private final Map<String, Integer> rejectedByBroker = new TreeMap<>();
        private int unconfirmed;
        private int compensated;

        void count(SubmitResult result) {
            switch (result) {
                case SubmitResult.Accepted a -> accepted++;
                case SubmitResult.Refused r -> refused.merge(r.reason().code().replace('_', ' '), 1, Integer::sum);
                case SubmitResult.RejectedByBroker r -> rejectedByBroker.merge(r.brokerReason(), 1, Integer::sum);
                case SubmitResult.Unconfirmed u -> unconfirmed++;
                case SubmitResult.Compensated c -> compensated++;
            }
        }

        /** "200: 160 accepted, 40 refused (position limit 40)". */
        String describe(int placed) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            parts.add(accepted + " accepted");
            if (!refused.isEmpty()) {
                parts.add(sum(refused) + " refused (" + byReason(refused) + ")");
            }
            if (!rejectedByBroker.isEmpty()) {
                parts.add(sum(rejectedByBroker) + " rejected by the broker (" + byReason(rejectedByBroker) + ")");
            }
            if (unconfirmed > 0) {
                parts.add(unconfirmed + " unconfirmed (no answer from the broker; recovery settles them)");
            }
            if (compensated > 0) {
                parts.add(compensated + " cancelled at the broker because they could not be recorded");
            }
            return placed + ": " + String.join(", ", parts);
        }

        private static int sum(Map<String, Integer> counts) {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        private static String byReason(Map<String, Integer> counts) {
            return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /**
     * The summary in three parts a reader must not mix up: this session (what this run did), all sessions (what the
     * database holds, earlier runs included) and this process (latencies, the database's health).
     */
    private static void printSummary(TradingCore core, Session session, PrintWriter out) {
        BigDecimal realized = realizedNow(core);
        out.println();
        out.println("this session");
        out.printf("  orders placed    %s%n", session.outcomes.describe(session.placed));
        out.printf("  fills recorded   %d%n", session.fillsRecorded);
        out.printf("  realized P&L     %s%n", Money.rounded(realized.subtract(session.realizedAtStart)));
        out.println("all sessions (what the database holds)");
        // What the database holds is read from it: when it is away at the end, the session still ends with what
        // memory knows, and says what was not read and what to do.
        DatabaseStatus.Counts counts = null;
        RiskSnapshot risk = null;
        try {
            DatabaseStatus status = core.component(DatabaseStatus.class);
            counts = status.counts();
            Map<String, Long> byStatus = status.orderCountsByStatus();
            risk = core.snapshotRisk();
            out.printf("  orders           %d: %s%n", byStatus.values().stream().mapToLong(Long::longValue).sum(),
                    byStatus.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(java.util.stream.Collectors.joining(", ")));
            out.printf("  fills stored     %d%n", counts.trades());
        } catch (SQLException | RuntimeException unavailable) {
            LOG.debug("the summary could not read the database", unavailable);
            out.printf("  orders, fills    not read: the database did not answer (%s). Fills the broker made are"
                    + " booked by the next run's start-up recovery; 'trading-core status' shows them once it is"
                    + " back%n", core.databaseHealth());
        }
        core.positionsStale().forEach(stale -> out.printf("  (%s)%n", stale));
        out.println("  positions (at the last prices; stored the same)");
        java.time.Instant now = java.time.Instant.now();
        java.util.Map<Symbol, MarkedPosition> marked = new java.util.HashMap<>();
        core.markedPositions().forEach(m -> marked.put(m.position().symbol(), m));
        Money unrealized = Money.ZERO;
        for (Position p : core.positions()) {
            MarkedPosition m = marked.get(p.symbol());
            Money u = p.valuation().unrealizedPnl();
            unrealized = unrealized.plus(u);
            out.printf("    %-8s %14s @ %-12s last %-12s value %14s realized %12s unrealized %12s%s%n", p.symbol(),
                    p.quantity().stripTrailingZeros().toPlainString(),
                    p.averagePrice().map(a -> Instruments.price(p.symbol(), a.value())).getOrElse("-"),
                    m == null ? "-" : m.price().map(a -> Instruments.price(p.symbol(), a.value())).getOrElse("-"),
                    p.valuation().marketValue(), Money.rounded(p.realizedPnl()), u,
                    m == null || m.staleness(now).isEmpty() ? "" : " (" + m.staleness(now) + ")");
        }
        out.printf("  P&L              realized %s, unrealized %s (at the last prices)%n", Money.rounded(realized),
                unrealized);
        out.printf("  today            P&L %s since the trading day began (equity then %s)%n", core.pnlToday(),
                core.startOfDay().equity());
        if (risk != null) {
            out.printf("  risk snapshot    value %s, cash %s, gross %s, net %s, positions %d, largest %s%n",
                    risk.portfolioValue(), risk.cashBalance(), risk.totalExposure(), risk.netExposure(),
                    risk.positionCount(), risk.largestPositionPct()
                            .map(pct -> pct.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "%")
                            .getOrElse("-"));
            out.printf("                   VaR 95 %s, VaR 99 %s (%s), max drawdown today %s%n",
                    risk.var95().map(Money::toString).getOrElse("-"),
                    risk.var99().map(Money::toString).getOrElse("-"), risk.varMethod().code(), risk.maxDrawdown()
                            .map(d -> d.movePointRight(2).setScale(2, java.math.RoundingMode.UP).toPlainString() + "%")
                            .getOrElse("-"));
        }
        if (counts != null) {
            out.printf("  audit events     %d%n", counts.auditEvents());
        }
        out.println("this process");
        WriteLatencies latencies = core.component(WriteLatencies.class);
        out.printf("  fill writes      %s%n", latencies.describeFills());
        out.printf("  order submits    %s%n", latencies.describeSubmits());
        out.printf("  database health  %s%n", core.component(DatabaseGuard.class).status().describe());
        out.flush();
    }
}
