package dev.tradingcore.bootstrap.cdi;

import dev.tradingcore.application.audit.AsyncAuditLogger;
import dev.tradingcore.application.audit.AuditLoggerSettings;
import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.fill.BookedFills;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.recovery.LedgerBinding;
import dev.tradingcore.application.recovery.ReconcilingPositions;
import dev.tradingcore.application.recovery.RecoveringOrders;
import dev.tradingcore.application.recovery.RecoverySettings;
import dev.tradingcore.application.recovery.StartupRecovery;
import dev.tradingcore.application.sync.FillSweep;
import dev.tradingcore.application.order.CancellingOrder;
import dev.tradingcore.application.order.OrderRateGuard;
import dev.tradingcore.application.order.QueryingOrders;
import dev.tradingcore.application.order.RestingOrders;
import dev.tradingcore.application.order.SubmittingOrder;
import dev.tradingcore.application.order.UpdatingOrderStatus;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.marketdata.RecordingPrices;
import dev.tradingcore.application.order.CancellingOpenOrders;
import dev.tradingcore.application.risk.DailyLossGuard;
import dev.tradingcore.application.risk.DailyPnl;
import dev.tradingcore.domain.marketdata.MarketDataRepository;
import dev.tradingcore.application.risk.PeriodicRiskSnapshots;
import dev.tradingcore.application.risk.SnapshottingRisk;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.adapters.postgres.connection.DatabasePools;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.database.DatabaseServer;
import dev.tradingcore.bootstrap.monitoring.CoreHealthChecks;
import dev.tradingcore.application.health.HealthMonitor;
import dev.tradingcore.application.metrics.CoreMetrics;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.DatabaseHealth;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.risk.RiskInputs;
import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import dev.tradingcore.domain.state.LedgerIdentity;
import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.trade.TradeRepository;
import io.vavr.collection.HashMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The application's use cases and the stateful parts they share (cache, controls, background jobs). */
@ApplicationScoped
public class UseCasesProducer {

    @Produces
    @Singleton
    PositionCache positionCache() {
        return new PositionCache();
    }

    @Produces
    @Singleton
    TradingControls tradingControls(SystemStateRepository state, AuditLog audit, AlertSink alerts, Clock clock) {
        return new TradingControls(state, audit, alerts, clock);
    }

    @Produces
    @Singleton
    DailyPnl dailyPnl(PositionCache cache, SystemStateRepository state, Settings settings, Clock clock) {
        return new DailyPnl(cache, state, Money.rounded(settings.trading().initialCapital()),
                settings.risk().dayZone(), clock);
    }

    /** Every open order of ours cancelled at the broker: the kill switch's second step. */
    @Produces
    @Singleton
    CancellingOpenOrders cancellingOpenOrders(OrderRepository orders, CancellingOrder cancelling) {
        return new CancellingOpenOrders(orders, cancelling);
    }

    @Produces
    @Singleton
    DailyLossGuard dailyLossGuard(DailyPnl pnl, TradingControls controls, CancellingOpenOrders cancelling,
            AlertSink alerts, Clock clock) {
        return new DailyLossGuard(pnl, controls, cancelling, alerts, clock);
    }

    @Produces
    @Singleton
    RecordingPrices recordingPrices(PositionCache cache, MarketDataRepository marketData,
            PositionRepository positions, DailyLossGuard guard) {
        return new RecordingPrices(cache, marketData, positions, guard, PRICES_LOG::warn);
    }

    // No disposer: TradingCore.close() closes it (a last flush) before the pools close; the container's disposal order
    // would run it after.

    @Produces
    @Singleton
    WriteLatencies writeLatencies() {
        return new WriteLatencies();
    }

    /** The fills this process books, whichever path delivers them: start-up recovery counts those of its window. */
    @Produces
    @Singleton
    BookedFills bookedFills() {
        return new BookedFills();
    }

    /** Fills, timed for the run summary and monitoring, their ids in the log's context. */
    @Produces
    @Singleton
    ApplyFill applyFill(FillJournal journal, PositionRepository positions, PositionCache cache, AlertSink alerts,
            Clock clock, WriteLatencies latencies, BookedFills booked, CoreMetrics metrics) {
        return LoggedFills.of(
                metrics.measuring(latencies.timing(new ApplyingFill(journal, positions, cache, alerts, clock, booked))));
    }

    @Produces
    @Singleton
    SubmittingOrder submittingOrder(OrderJournal journal, OrderRepository orders, BrokerGateway broker,
            PositionCache cache, TradingControls controls, DailyPnl dailyPnl, DatabaseHealth database,
            AlertSink alerts, Clock clock, OrderRateGuard rateGuard, RestingOrders resting,
            DailyLossGuard killSwitch, Settings settings) {
        // Order ids are random UUIDs: unique across restarts and processes without asking the database, and our
        // client order id at the broker (its idempotency key).
        return new SubmittingOrder(journal, orders, broker, cache, controls, dailyPnl, database, alerts,
                () -> OrderId.of(UUID.randomUUID().toString()), clock, rateGuard, resting::placed, killSwitch)
                .marksFreshFor(settings.risk().markStaleAfter());
    }

    private static final org.slf4j.Logger PRICES_LOG = org.slf4j.LoggerFactory.getLogger("trading-core.prices");

    private static final org.slf4j.Logger ORDERS_LOG = org.slf4j.LoggerFactory.getLogger("trading-core.orders");

    /** The order storm guard: its refusal summaries go to the log and, in aggregate, to the audit trail. */
    @Produces
    @Singleton
    OrderRateGuard orderRateGuard(Settings settings, Incidents incidents, AsyncAuditLogger audit, Clock clock) {
        return new OrderRateGuard(settings.trading().orderRateLimits(), incidents, audit::tryLog, ORDERS_LOG::warn,
                clock);
    }

    /** Our orders resting at the broker, and the operator's policy for them. */
    @Produces
    @Singleton
    RestingOrders restingOrders(BrokerGateway broker, OrderRepository orders, UpdatingOrderStatus statuses,
            AuditLog audit, AsyncAuditLogger auditLater, AlertSink alerts, Settings settings, Clock clock) {
        return new RestingOrders(broker, orders, statuses, audit, auditLater::log, alerts, ORDERS_LOG::warn, clock,
                settings.trading().restingOrders());
    }

    @Produces
    @Singleton
    UpdatingOrderStatus updatingOrderStatus(OrderRepository orders, OrderJournal journal, Clock clock) {
        return new UpdatingOrderStatus(orders, journal, clock);
    }

    @Produces
    @Singleton
    CancellingOrder cancellingOrder(OrderRepository orders, OrderJournal journal, BrokerGateway broker,
            UpdatingOrderStatus statusUpdates, RecoverySettings recovery, Clock clock) {
        return new CancellingOrder(orders, journal, broker, statusUpdates, recovery.submitInFlight(), clock);
    }

    @Produces
    @Singleton
    QueryingOrders queryingOrders(OrderRepository orders, TradeRepository trades) {
        return new QueryingOrders(orders, trades);
    }

    @Produces
    @Singleton
    RecoverySettings recoverySettings() {
        return RecoverySettings.defaults();
    }

    /** One alert per incident, for every use case of the core. */
    @Produces
    @Singleton
    Incidents incidents(AlertSink alerts, Clock clock) {
        return new Incidents(alerts, clock);
    }

    @Produces
    @Singleton
    FillSweep fillSweep(OrderRepository orders, TradeRepository trades, OrderJournal journal, BrokerGateway broker,
            ApplyFill applyFill, Incidents incidents, Clock clock) {
        return new FillSweep(orders, trades, journal, broker, applyFill, incidents, clock);
    }

    @Produces
    @Singleton
    RecoveringOrders recoveringOrders(OrderRepository orders, OrderJournal journal, SystemStateRepository state,
            BrokerGateway broker, FillSweep sweep, AlertSink alerts, Clock clock, RecoverySettings settings,
            BookedFills booked) {
        return new RecoveringOrders(orders, journal, state, broker, sweep, alerts, clock, settings, booked);
    }

    @Produces
    @Singleton
    ReconcilingPositions reconcilingPositions(BrokerGateway broker, OrderRepository orders,
            PositionRepository positions, PositionCorrections corrections, PositionCache cache, FillSweep sweep,
            SystemStateRepository state, AlertSink alerts, Incidents incidents, Clock clock,
            RecoverySettings settings, AuditLog audit) {
        return new ReconcilingPositions(broker, orders, positions, corrections, cache, sweep, state, alerts, incidents,
                clock, settings, audit);
    }

    @Produces
    @Singleton
    LedgerBinding ledgerBinding(LedgerIdentity identity, BrokerGateway broker, OrderRepository orders,
            OrderJournal journal, AlertSink alerts, Clock clock) {
        return new LedgerBinding(identity, broker, orders, journal, alerts, clock);
    }

    @Produces
    @Singleton
    StartupRecovery startupRecovery(PositionRepository positions, PositionCache cache, RecoveringOrders orders,
            ReconcilingPositions reconciliation, AlertSink alerts, Clock clock, RecoverySettings settings) {
        return new StartupRecovery(positions, cache, orders, reconciliation, alerts, clock, settings);
    }

    @Produces
    @Singleton
    SnapshottingRisk snapshottingRisk(RiskInputs inputs, RiskSnapshotRepository snapshots, Settings settings,
            RecordingPrices prices, PositionCache cache, MarketDataRepository marketData, Clock clock) {
        java.time.ZoneId zone = settings.risk().dayZone();
        return new SnapshottingRisk(inputs, snapshots, Money.rounded(settings.trading().initialCapital()),
                HashMap.ofAll(settings.risk().sectors()).mapKeys(dev.tradingcore.domain.common.Symbol::of),
                new SnapshottingRisk.Prices(prices::flush, symbol -> cache.markOf(symbol).map(q -> q.price()),
                        marketData, at -> dev.tradingcore.domain.common.TradingDayWindow.containing(at, zone).start()),
                clock);
    }

    @Produces
    @Singleton
    PeriodicRiskSnapshots periodicRiskSnapshots(SnapshottingRisk risk, TradingControls controls, Settings settings) {
        return new PeriodicRiskSnapshots(risk, controls, settings.trading().riskSnapshotInterval());
    }

    void stop(@Disposes PeriodicRiskSnapshots snapshots) {
        snapshots.close();
    }

    /** Seals the audit trail every {@code trading.audit-seal-interval}, once started; digests out if configured. */
    @Produces
    @Singleton
    dev.tradingcore.application.audit.PeriodicAuditSealing periodicAuditSealing(
            dev.tradingcore.domain.audit.seal.AuditSealer sealer, AlertSink alerts, Settings settings, Clock clock) {
        return new dev.tradingcore.application.audit.PeriodicAuditSealing(sealer, alerts, clock,
                settings.auditSealing().interval(), settings.auditSealing().digestInterval());
    }

    void stop(@Disposes dev.tradingcore.application.audit.PeriodicAuditSealing sealing) {
        sealing.close();
    }

    /** The design's monitoring thresholds, checked every {@code monitoring.interval} once the core started it. */
    @Produces
    @Singleton
    HealthMonitor healthMonitor(Settings settings, CoreHealthChecks.Sources sources, DatabasePools pools,
            DatabaseGuard guard, WriteLatencies latencies, Incidents incidents, Clock clock) {
        return CoreHealthChecks.monitor(settings, sources, pools, guard, latencies::fillsSinceLastInterval, incidents,
                clock);
    }

    /** What the health checks and the database metrics read: one connection of their own, through the guard. */
    @Produces
    @Singleton
    CoreHealthChecks.Sources monitoringSources(Settings settings, DatabaseServer server, DatabaseGuard guard,
            jakarta.enterprise.inject.Instance<io.micrometer.prometheusmetrics.PrometheusMeterRegistry> registry) {
        CoreHealthChecks.Sources sources = CoreHealthChecks.open(settings, server.url(), server.isEmbedded()
                ? java.util.Optional.of(settings.embedded().dataDirectory()) : java.util.Optional.empty(), guard);
        if (registry.isResolvable()) {
            // Its pool is one of the core's too: HikariCP's tracker on it, as on the component pools.
            sources.pool().setMetricsTrackerFactory(
                    new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry.get()));
        }
        return sources;
    }

    void close(@Disposes CoreHealthChecks.Sources sources) {
        sources.pool().close();
    }

    void stop(@Disposes HealthMonitor monitor) {
        monitor.close();
    }

    @Produces
    @Singleton
    AsyncAuditLogger asyncAuditLogger(AuditLog audit, AlertSink alerts, Clock clock) {
        return AsyncAuditLogger.start(audit, alerts, clock, AuditLoggerSettings.defaults());
    }

    void flush(@Disposes AsyncAuditLogger logger) {
        logger.close();
    }
}
