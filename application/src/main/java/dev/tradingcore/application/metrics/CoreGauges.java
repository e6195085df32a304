package dev.tradingcore.application.metrics;

import dev.tradingcore.application.audit.AsyncAuditLogger;
import dev.tradingcore.application.audit.AuditLoggerStats;
import dev.tradingcore.application.risk.DailyPnl;
import dev.tradingcore.application.risk.SnapshottingRisk;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.application.sync.BrokerSync;
import dev.tradingcore.application.port.out.Meters;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.port.DatabaseActivity;
import dev.tradingcore.domain.port.DiskSpace;
import dev.tradingcore.domain.risk.RiskSnapshot;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The core's state as gauges, read when the metrics are read: the trading switch, the risk figures, the audit
 * logger, the broker sync, the database guard and what the database says about itself. A figure that cannot be
 * known now (no risk snapshot yet) reads NaN, which Prometheus keeps as "no value" rather than as zero.
 */
public final class CoreGauges {

    private final Meters meters;
    private final Clock clock;

    public CoreGauges(Meters meters, Clock clock) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether trading is enabled (1) or switched off (0), and whether orders are held after a recovery (1). */
    public CoreGauges trading(TradingControls controls) {
        meters.gauge("tradingcore.trading.enabled", "1 while the trading switch is on, 0 while it is off", "",
                Map.of(), () -> controls.tradingSwitch().enabled() ? 1 : 0);
        meters.gauge("tradingcore.orders.held", "1 while orders are refused because start-up recovery was"
                + " incomplete", "", Map.of(), () -> controls.orderHold().isDefined() ? 1 : 0);
        return this;
    }

    /** The newest risk snapshot's figures and today's P&amp;L, in the account's currency. */
    public CoreGauges risk(SnapshottingRisk snapshots, DailyPnl pnl) {
        riskFigure("tradingcore.risk.portfolio.value", "Portfolio value at the newest risk snapshot", Map.of(),
                snapshots, s -> money(s.portfolioValue()));
        riskFigure("tradingcore.risk.exposure", "Exposure at the newest risk snapshot (gross: sum of absolute"
                + " position values; net: long minus short)", Map.of("kind", "gross"), snapshots,
                s -> money(s.totalExposure()));
        riskFigure("tradingcore.risk.exposure", "Exposure at the newest risk snapshot (gross: sum of absolute"
                + " position values; net: long minus short)", Map.of("kind", "net"), snapshots,
                s -> money(s.netExposure()));
        riskFigure("tradingcore.risk.value.at.risk", "One-day value at risk at the newest risk snapshot (NaN until"
                + " there is enough history)", Map.of("confidence", "0.95"), snapshots,
                s -> s.var95().map(CoreGauges::money).getOrElse(Double.NaN));
        riskFigure("tradingcore.risk.value.at.risk", "One-day value at risk at the newest risk snapshot (NaN until"
                + " there is enough history)", Map.of("confidence", "0.99"), snapshots,
                s -> s.var99().map(CoreGauges::money).getOrElse(Double.NaN));
        meters.gauge("tradingcore.risk.daily.pnl", "P&L since the start of the trading day, realized and unrealized",
                "dollars", Map.of(), () -> money(pnl.today()));
        return this;
    }

    private void riskFigure(String name, String help, Map<String, String> tags, SnapshottingRisk snapshots,
            ToDoubleFunction<RiskSnapshot> figure) {
        meters.gauge(name, help, "dollars", tags, () -> {
            Option<RiskSnapshot> latest = snapshots.latest();
            return latest.isEmpty() ? Double.NaN : figure.applyAsDouble(latest.get());
        });
    }

    private static double money(Money money) {
        return money.amount().doubleValue();
    }

    /** The asynchronous audit logger: its queue, the batches it wrote, the events it refused. */
    public CoreGauges audit(AsyncAuditLogger logger) {
        meters.gauge("tradingcore.audit.queue.depth", "Audit events waiting to be written", "", Map.of(),
                () -> logger.stats().depth());
        meters.gauge("tradingcore.audit.queue.capacity", "Audit events the queue holds at most", "", Map.of(),
                () -> logger.stats().capacity());
        meters.counting("tradingcore.audit.batches", "Audit batches written", Map.of(),
                () -> logger.stats().batches());
        meters.counting("tradingcore.audit.events.written", "Audit events written", Map.of(),
                () -> logger.stats().written());
        refusals(logger, "queue_full", AuditLoggerStats::overflowed);
        refusals(logger, "closed", AuditLoggerStats::refusedClosed);
        refusals(logger, "interrupted", AuditLoggerStats::refusedInterrupted);
        meters.counting("tradingcore.audit.write.failures", "Audit batch writes that failed (and were retried)",
                Map.of(), () -> logger.stats().failedAttempts());
        return this;
    }

    private void refusals(AsyncAuditLogger logger, String reason, Function<AuditLoggerStats, Long> count) {
        meters.counting("tradingcore.audit.refusals", "Audit events refused, by reason", Map.of("reason", reason),
                () -> count.apply(logger.stats()));
    }

    /**
     * The broker sync: seconds since its last round that read the broker's fills without a failure (its lag), and
     * the age of its watermark (fills executed since then are read next round).
     */
    public CoreGauges brokerSync(BrokerSync sync) {
        Instant registered = clock.instant();
        meters.gauge("tradingcore.broker.sync.lag", "Time since the broker sync's last clean round (since start"
                + " before the first)", "seconds", Map.of(),
                () -> seconds(sync.lastCleanRound().orElse(registered)));
        meters.gauge("tradingcore.broker.sync.watermark.age", "Age of the broker sync's watermark: fills executed"
                + " after it are read next round", "seconds", Map.of(), () -> seconds(sync.watermark()));
        return this;
    }

    private double seconds(Instant since) {
        return Duration.between(since, clock.instant()).toNanos() / 1e9;
    }

    /**
     * The database guard: its breaker's state (one series per state, 1 for the current one) and the calls that
     * failed to reach the database.
     */
    public CoreGauges databaseGuard(Supplier<String> breakerState, LongSupplier connectionFailures) {
        for (String state : new String[] {"closed", "open", "half_open"}) {
            meters.gauge("tradingcore.database.breaker.state", "1 for the database breaker's current state",
                    "", Map.of("state", state), () -> state.equals(breakerState.get()) ? 1 : 0);
        }
        meters.counting("tradingcore.database.connection.failures", "Calls that failed to reach the database",
                Map.of(), connectionFailures::getAsLong);
        return this;
    }

    /**
     * What the database says about itself, sampled at most every {@code every} (a scrape does not query it more
     * often): replication lag per standby (when one is configured), the longest running statement, partitions ahead
     * per table, table sizes, the newest good and failed backups; and the free disk where it keeps its data.
     *
     * @param tables the tables whose size is shown (the schema's, known at start)
     * @param partitioned the partitioned tables
     */
    public CoreGauges database(DatabaseFigures figures, Iterable<String> tables, Iterable<String> partitioned,
            boolean replicaConfigured) {
        if (replicaConfigured) {
            meters.gauge("tradingcore.replication.lag", "How far the furthest standby's replay is behind the"
                    + " primary (0 when every standby has replayed everything)", "seconds", Map.of(),
                    () -> figures.now().replicationLagSeconds());
            meters.gauge("tradingcore.replication.standbys", "Standbys streaming from the primary", "", Map.of(),
                    () -> figures.now().standbys());
        }
        meters.gauge("tradingcore.database.longest.query", "How long the core's longest running statement has run"
                + " (0 when none has run longer than a tenth of the slow-query threshold)", "seconds", Map.of(), () -> figures.now().longestQuerySeconds());
        for (String table : partitioned) {
            meters.gauge("tradingcore.database.partitions.ahead", "Partitions created ahead of now, per table", "",
                    Map.of("table", table), () -> figures.now().partitionsAhead().getOrDefault(table, 0));
        }
        for (String table : tables) {
            meters.gauge("tradingcore.database.table.size", "Size of a table with its indexes (partitions counted in"
                    + " their parent)", "bytes", Map.of("table", table),
                    () -> figures.now().tableBytes().getOrDefault(table, 0L));
        }
        meters.gauge("tradingcore.backup.last.success.timestamp", "When the newest successful backup finished (0:"
                + " never)", "seconds", Map.of(), () -> figures.now().lastGoodBackupEpochSeconds());
        meters.gauge("tradingcore.backup.last.failure.timestamp", "When the newest failed backup finished (0: never)",
                "seconds", Map.of(), () -> figures.now().lastFailedBackupEpochSeconds());
        meters.gauge("tradingcore.database.disk.free.ratio", "Free share of the file system holding the database's"
                + " data (NaN when it is not on this machine)", "", Map.of(), () -> figures.now().diskFreeRatio());
        return this;
    }

    /** The database's figures, read through {@link DatabaseActivity} and {@link DiskSpace}, kept for a while. */
    public static final class DatabaseFigures {

        /** One sample. */
        public record Sample(double replicationLagSeconds, int standbys, double longestQuerySeconds,
                Map<String, Integer> partitionsAhead, Map<String, Long> tableBytes, double lastGoodBackupEpochSeconds,
                double lastFailedBackupEpochSeconds, double diskFreeRatio) {

            static final Sample NONE = new Sample(Double.NaN, 0, Double.NaN, Map.of(), Map.of(), Double.NaN,
                    Double.NaN, Double.NaN);
        }

        private final DatabaseActivity database;
        private final DiskSpace disk;
        private final Clock clock;
        private final Duration every;
        private final Duration slowQuery;
        private final java.util.function.BiConsumer<String, Throwable> log;
        private Sample last = Sample.NONE;
        private long takenAt = Long.MIN_VALUE;

        /**
         * @param slowQuery statements shorter than this are not looked at (the longest-query gauge reads 0 below it)
         * @param log where a failed read is said (the previous sample is kept)
         */
        public DatabaseFigures(DatabaseActivity database, DiskSpace disk, Clock clock, Duration every,
                Duration slowQuery, java.util.function.BiConsumer<String, Throwable> log) {
            this.database = Objects.requireNonNull(database, "database");
            this.disk = Objects.requireNonNull(disk, "disk");
            this.clock = Objects.requireNonNull(clock, "clock");
            this.every = Objects.requireNonNull(every, "every");
            this.slowQuery = Objects.requireNonNull(slowQuery, "slowQuery");
            this.log = Objects.requireNonNull(log, "log");
        }

        /** The sample, taken again when older than the interval; a read that fails keeps the previous one. */
        public synchronized Sample now() {
            long nanos = System.nanoTime();
            if (takenAt != Long.MIN_VALUE && nanos - takenAt < every.toNanos()) {
                return last;
            }
            takenAt = nanos;
            try {
                var replicas = database.replicas();
                double lag = replicas.stream().mapToDouble(r -> r.replayLag().orElse(Duration.ZERO).toNanos() / 1e9)
                        .max().orElse(Double.NaN);
                var running = database.runningLongerThan(slowQuery.dividedBy(10));
                double longest = running.stream().mapToDouble(q -> q.runningFor().toNanos() / 1e9).max().orElse(0);
                double good = database.lastBackup(true).map(i -> i.toEpochMilli() / 1000.0).orElse(0.0);
                double failed = database.lastBackup(false).map(i -> i.toEpochMilli() / 1000.0).orElse(0.0);
                double free = disk.usage().map(u -> u.totalBytes() <= 0 ? Double.NaN
                        : (double) u.usableBytes() / u.totalBytes()).orElse(Double.NaN);
                last = new Sample(lag, replicas.size(), longest, Map.copyOf(database.partitionsAhead(clock.instant())),
                        Map.copyOf(database.tableBytes()), good, failed, free);
            } catch (Exception e) {
                log.accept("reading the database's figures for the metrics failed; the previous ones are shown", e);
            }
            return last;
        }
    }
}
