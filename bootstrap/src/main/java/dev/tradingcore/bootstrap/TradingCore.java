package dev.tradingcore.bootstrap;

import dev.tradingcore.adapters.alerting.RoutingAlertSink;
import dev.tradingcore.adapters.postgres.resilience.DatabaseGuard;
import dev.tradingcore.adapters.postgres.schema.PartitionMaintenance;
import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import dev.tradingcore.application.audit.AsyncAuditLogger;
import dev.tradingcore.application.incident.AuditedAlerts;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.order.CancellingOrder;
import dev.tradingcore.application.order.OrderRateGuard;
import dev.tradingcore.application.order.RestingOrders;
import dev.tradingcore.domain.port.DatabaseHealth;
import dev.tradingcore.application.order.QueryingOrders;
import dev.tradingcore.application.order.SubmittingOrder;
import dev.tradingcore.application.order.UpdatingOrderStatus;
import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.port.in.SyncRound;
import dev.tradingcore.application.recovery.LedgerBinding;
import dev.tradingcore.application.recovery.StartupRecovery;
import dev.tradingcore.application.sync.BrokerSync;
import dev.tradingcore.application.sync.BrokerSyncSettings;
import dev.tradingcore.application.sync.FillSweep;
import dev.tradingcore.application.sync.PeriodicBrokerSync;
import dev.tradingcore.bootstrap.cdi.WriteLatencies;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.application.port.in.OrderQueries;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.marketdata.RecordingPrices;
import dev.tradingcore.application.port.in.MarkedPosition;
import dev.tradingcore.application.port.in.UpdatePrices;
import dev.tradingcore.application.risk.PeriodicRiskSnapshots;
import dev.tradingcore.domain.port.PriceSource;
import dev.tradingcore.application.risk.SnapshottingRisk;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.bootstrap.cdi.CoreContainer;
import dev.tradingcore.bootstrap.database.DatabaseUnreachableException;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.bootstrap.monitoring.ConfiguredAlerts;
import dev.tradingcore.application.health.HealthMonitor;
import dev.tradingcore.application.metrics.CoreGauges;
import dev.tradingcore.application.metrics.CoreMetrics;
import dev.tradingcore.application.metrics.MeasuredBroker;
import dev.tradingcore.bootstrap.monitoring.CoreHealthChecks;
import dev.tradingcore.bootstrap.monitoring.MetricsEndpoint;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.risk.RiskSnapshot;
import dev.tradingcore.domain.state.LedgerIdentity;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/**
 * trading-core inside a trading application: the one entry point an embedding application uses.
 *
 * <pre>{@code
 * try (TradingCore core = TradingCore.builder()
 *         .broker(myBrokerGateway)          // your BrokerGateway: a real broker adapter or the simulation
 *         .alerts(myAlertSink)              // optional; by default the log (+ webhook/e-mail if configured)
 *         .start()) {                       // schema, partitions, positions, recovery: then ready for orders
 *     SubmitResult result = core.submit(OrderTicket.limit(Symbol.of("AAPL"), Side.BUY, Quantity.of(10),
 *             Price.of("189.50")));
 *     core.applyFill(tradeReportedByYourBroker);   // exactly once, however often you deliver it
 *     Option<Position> aapl = core.position(Symbol.of("AAPL"));  // from memory, never the database
 * }
 * }</pre>
 *
 * <p>Configuration comes from the environment ({@code DATABASE_URL} ...) unless {@link Builder#settings} is given;
 * with nothing configured an embedded PostgreSQL keeps the data in {@code <home>/pgdata} (the home:
 * {@code TRADING_CORE_HOME}, default {@code ~/.trading-core}).
 *
 * <p>{@link Builder#start()} does, in order: migrate the schema, create the partitions due, load the trading switch
 * and risk limits, check that the broker is the account the database's ledger follows (binding it at the first start;
 * another account is refused with {@link LedgerBoundElsewhere}, nothing changed, unless {@link Builder#adoptBroker}),
 * then start-up recovery (every position into the write-through cache; orders left open by the last run settled with
 * the broker and the fills it missed recorded exactly once; then positions reconciled with the broker, the broker
 * being the truth), then start the background jobs (broker sync, periodic risk snapshots, the asynchronous audit
 * logger, the health monitor). Only then does it return, so no order is accepted before the core knows what it holds;
 * when recovery was incomplete, orders are refused with the reason until {@link #recover()} succeeds (unless
 * {@link Builder#tradeDespiteIncompleteRecovery}).
 * {@link #close()} applies the resting-orders policy if {@link #stopTrading} was not called (our orders resting at the
 * broker cancelled, or left and named: {@code trading.resting-orders}), stops the jobs, flushes the audit logger and
 * closes the pools. While it runs, a database unavailable for longer than
 * {@code trading.resting-orders-degraded-after} applies the same policy, and orders past the order-rate limits
 * ({@code trading.max-orders-per-second} ...) are refused with {@code order_rate_limit}.
 */
public final class TradingCore implements AutoCloseable {

    private static final org.slf4j.Logger BACKGROUND_LOG = org.slf4j.LoggerFactory.getLogger("trading-core.background");


    private final CoreContainer container;
    private final Clock clock;
    private final Settings settings;
    private final StartChoices choices;
    private String ledgerId;
    private LedgerBinding.Outcome binding;
    private RecoveryReport recovery;
    private BrokerSync brokerSync;
    private PeriodicBrokerSync periodicSync;
    private java.util.concurrent.ScheduledExecutorService maintenance;
    private java.util.concurrent.ScheduledExecutorService restingWatch;
    /** What the resting-orders policy did when trading stopped, once it did. */
    private RestingOrders.Report stopReport;
    /**
     * Submits hold it shared; {@link #stopTrading} takes it alone to set {@link #stopped}: a submit in flight ends
     * (its order at the broker, where the policy finds it) before the broker's orders are listed, and none starts
     * after. Without it an order submitted during or after the stop rested at the broker, named by no report.
     */
    private final java.util.concurrent.locks.ReadWriteLock stopping =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile boolean stopped;
    private volatile String stoppedBecause;
    /** The refusal code of an order submitted after {@link #stopTrading}. */
    public static final String TRADING_STOPPED = "trading_stopped";
    private java.util.concurrent.ScheduledExecutorService pricePolling;
    private java.util.concurrent.ScheduledExecutorService controlsReload;
    private dev.tradingcore.bootstrap.failover.FailoverRecovery failover;
    /** The configured alert sinks, when the embedder gave none: closed (queues drained) with the core. */
    private RoutingAlertSink ownedAlerts;
    /** The broker as given (the container holds it measured): what may also be a price source. */
    private BrokerGateway givenBroker;
    /** {@code /metrics} and {@code /health/*}, when a metrics port is set. */
    private java.util.Optional<MetricsEndpoint> endpoint = java.util.Optional.empty();
    private final PrometheusMeterRegistry registry;
    private final CoreMetrics metrics;
    /** Set once {@link #prepare} ran to its end: migrated, recovered, background jobs started. */
    private volatile boolean prepared;

    // The use cases behind the API, resolved once: a container lookup on every order or fill is work the hot path
    // need not do.
    private final SubmittingOrder submitting;
    private final CancellingOrder cancelling;
    private final UpdatingOrderStatus statusUpdates;
    private final QueryingOrders queries;
    private final ApplyFill fills;
    private final PositionCache positionCache;
    private final WriteLatencies latencies;
    private final RestingOrders resting;
    private boolean restingOrdersPolicyOnClose = true;

    private TradingCore(CoreContainer container, Clock clock, Settings settings, StartChoices choices) {
        this.container = container;
        this.clock = clock;
        this.settings = settings;
        this.choices = choices;
        this.submitting = container.get(SubmittingOrder.class);
        this.cancelling = container.get(CancellingOrder.class);
        this.statusUpdates = container.get(UpdatingOrderStatus.class);
        this.queries = container.get(QueryingOrders.class);
        this.fills = container.get(ApplyFill.class);
        this.positionCache = container.get(PositionCache.class);
        this.latencies = container.get(WriteLatencies.class);
        this.resting = container.get(RestingOrders.class);
        this.registry = container.get(PrometheusMeterRegistry.class);
        this.metrics = container.get(CoreMetrics.class);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starting a core: the broker is required, the rest has defaults. */
    public static final class Builder {

        private Settings settings;
        private BrokerGateway broker;
        private java.util.function.Function<String, ? extends BrokerGateway> brokerForLedger;
        private String brokerDescription;
        private boolean adoptBroker;
        private boolean tradeDespiteIncompleteRecovery;
        private AlertSink alerts;
        private Clock clock = Clock.systemUTC();
        private boolean backgroundJobs = true;
        private boolean monitoring = true;
        private Boolean auditSealing;
        private boolean restingOrdersPolicyOnClose = true;

        private Builder() {}

        /**
         * Whether {@link TradingCore#close()} applies the resting-orders policy (default: yes; {@code reconcile-only},
         * which places no order, only reports them).
         */
        public Builder restingOrdersPolicyOnClose(boolean value) {
            this.restingOrdersPolicyOnClose = value;
            return this;
        }

        /** Configuration; by default read from the environment, a properties file and the defaults. */
        public Builder settings(Settings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** The broker the core trades with. Required (or {@link #brokerForLedger}). */
        public Builder broker(BrokerGateway value) {
            this.broker = Objects.requireNonNull(value, "broker");
            this.brokerForLedger = null;
            return this;
        }

        /**
         * The broker chosen by the ledger the database holds, for a broker whose state belongs to one ledger (a
         * simulation kept per ledger, as the command line keeps it): {@code forLedger} gets the ledger's id once the
         * database is open, before anything is asked of the broker.
         */
        public Builder brokerForLedger(java.util.function.Function<String, ? extends BrokerGateway> forLedger) {
            this.brokerForLedger = Objects.requireNonNull(forLedger, "forLedger");
            this.broker = null;
            return this;
        }

        /** What the broker is, for a person: kept with the ledger's binding and named in messages. */
        public Builder describeBroker(String description) {
            if (description == null || description.isBlank()) {
                throw new IllegalArgumentException("a broker description must say something");
            }
            this.brokerDescription = description;
            return this;
        }

        /**
         * Whether to move a ledger that follows another broker account to this broker's (default: refuse to start).
         * Adopting closes, as abandoned, every order still open for the previous account, binds the ledger to this
         * one and sets every position to this broker's, each step audited, with one alert.
         */
        public Builder adoptBroker(boolean value) {
            this.adoptBroker = value;
            return this;
        }

        /**
         * Whether to accept orders although start-up recovery was incomplete (default: refuse them, with the
         * reason, until {@link TradingCore#recover()} succeeds). Choosing to is audited.
         */
        public Builder tradeDespiteIncompleteRecovery(boolean value) {
            this.tradeDespiteIncompleteRecovery = value;
            return this;
        }

        /**
         * Where alerts go; by default the configured ones: the log ({@code trading-core.alerts}) always, a webhook
         * when {@code ALERTS_WEBHOOK_URL} is set, e-mail when {@code ALERTS_SMTP_HOST} and {@code ALERTS_EMAIL_TO}
         * are (see {@link dev.tradingcore.bootstrap.monitoring.ConfiguredAlerts}).
         */
        public Builder alerts(AlertSink value) {
            this.alerts = Objects.requireNonNull(value, "alerts");
            return this;
        }

        /** The clock every timestamp comes from; by default the system's UTC clock. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Whether the broker sync, periodic risk snapshots and partition maintenance run on their own (default); a
         * caller that drives the sync itself ({@code run}), tests and backtests turn them off. The health monitor is
         * not one of them: see {@link #monitoring}.
         */
        public Builder backgroundJobs(boolean value) {
            this.backgroundJobs = value;
            return this;
        }

        /**
         * Whether the audit trail is sealed every {@code trading.audit-seal-interval} and at close (default: with the
         * background jobs). {@code run}, which drives the sync itself, still seals.
         */
        public Builder auditSealing(boolean value) {
            this.auditSealing = value;
            return this;
        }

        /**
         * Whether the health monitor checks the design's thresholds every {@code monitoring.interval} and alerts
         * (default: yes, with or without background jobs). A short command that only reconciles turns it off.
         */
        public Builder monitoring(boolean value) {
            this.monitoring = value;
            return this;
        }

        /**
         * Starts the core; when this returns it has recovered and is ready for orders, unless its recovery was
         * incomplete (see {@link TradingCore#recover()}).
         *
         * @throws LedgerBoundElsewhere the database's ledger follows another broker account (nothing was changed)
         * @throws CoreStartFailed the database could not be reached or migrated, or a start-up step failed
         */
        public TradingCore start() {
            if (broker == null && brokerForLedger == null) {
                throw new IllegalStateException("a trading core needs a broker: call broker(...) before start()");
            }
            Settings effective = settings != null ? settings : Settings.fromEnvironment();
            RoutingAlertSink configured = alerts == null ? ConfiguredAlerts.from(effective.alerts()) : null;
            LedgerBroker deferred = broker == null ? new LedgerBroker() : null;
            StartChoices choices = new StartChoices(brokerForLedger, deferred, brokerDescription != null
                    ? brokerDescription : (broker != null ? "broker " + broker.getClass().getSimpleName()
                            : "the ledger's broker"), adoptBroker, tradeDespiteIncompleteRecovery);
            // Every alert also on the audit trail, once the container has built the audit logger.
            AuditedAlerts audited = new AuditedAlerts(alerts != null ? alerts : configured);
            CoreContainer container;
            PrometheusMeterRegistry registry = MetricsEndpoint.registry();
            BrokerGateway given = broker != null ? broker : deferred;
            try {
                CoreMetrics measured = new CoreMetrics(new dev.tradingcore.adapters.metrics.MicrometerMeters(registry));
                container = CoreContainer.trading(effective, new MeasuredBroker(given, measured), audited, clock,
                        registry, measured);
                audited.writeTo(container.get(AsyncAuditLogger.class)::tryLog);
            } catch (DatabaseUnreachableException failure) {
                closeAlerts(configured);
                throw new CoreStartFailed("trading-core could not start: " + failure.getMessage(), failure);
            } catch (RuntimeException failure) {
                closeAlerts(configured);
                throw failure;
            }
            TradingCore core = null;
            try {
                core = new TradingCore(container, clock, effective, choices);
                core.ownedAlerts = configured;
                core.givenBroker = given;
                core.restingOrdersPolicyOnClose = restingOrdersPolicyOnClose;
                // Served from before the schema is migrated: an orchestrator sees the process live, not ready.
                TradingCore starting = core;
                core.endpoint = MetricsEndpoint.start(effective.metrics(), registry, starting::notReady);
                core.prepare(backgroundJobs, monitoring, auditSealing != null ? auditSealing : backgroundJobs);
                return core;
            } catch (LedgerBoundElsewhere | dev.tradingcore.bootstrap.config.ConfigurationException refused) {
                stopThreadsOf(core);
                container.close();
                closeAlerts(configured);
                throw refused;
            } catch (java.io.IOException endpointRefused) {
                stopThreadsOf(core);
                container.close();
                closeAlerts(configured);
                throw new CoreStartFailed("trading-core could not serve its metrics on " + effective.metrics().bind()
                        + ":" + effective.metrics().port().orElse(0) + ": " + endpointRefused.getMessage(),
                        endpointRefused);
            } catch (RuntimeException | SQLException failure) {
                stopThreadsOf(core);
                container.close();
                closeAlerts(configured);
                throw new CoreStartFailed("trading-core could not start: " + failure.getMessage(), failure);
            }
        }
    }

    /** What the embedder chose about the broker and an incomplete start. */
    private record StartChoices(java.util.function.Function<String, ? extends BrokerGateway> brokerForLedger,
            LedgerBroker deferred, String brokerDescription, boolean adoptBroker,
            boolean tradeDespiteIncompleteRecovery) {}

    private void prepare(boolean backgroundJobs, boolean monitoring, boolean auditSealing) throws SQLException {
        container.get(SchemaMigrator.class).migrateIfBehind();
        container.get(PartitionMaintenance.class).maintain(clock.instant());
        container.get(TradingControls.class).reload();
        ledgerId = container.get(LedgerIdentity.class).ledgerId();
        if (choices.deferred() != null) {
            choices.deferred().use(choices.brokerForLedger().apply(ledgerId));
        }
        // Is this broker the account the ledger follows? Then positions into the cache, missed fills and open orders
        // settled with the broker, then positions reconciled: all before the first order is accepted.
        recovery = recoverNow(true);
        // After a failover to a promoted replica, recovery again: the new server may lack what was in flight.
        failover = new dev.tradingcore.bootstrap.failover.FailoverRecovery(
                new dev.tradingcore.adapters.postgres.replication.ReplicationStatus(
                        container.get(dev.tradingcore.adapters.postgres.connection.DatabasePools.class).execution()),
                () -> recover().outcome() != RecoveryReport.Outcome.INCOMPLETE,
                container.get(DatabaseGuard.class)::probeNow, container.get(DatabaseGuard.class)::acceptingWork);
        failover.noteServer();
        container.get(DatabaseGuard.class).onTransition(failover::onTransition);
        container.get(dev.tradingcore.adapters.postgres.connection.DatabasePools.class)
                .onServerLost(failover::onServerLost);
        brokerSync = new BrokerSync(container.get(BrokerGateway.class), container.get(OrderRepository.class),
                container.get(dev.tradingcore.domain.order.OrderJournal.class), container.get(FillSweep.class),
                container.get(UpdatingOrderStatus.class), container.get(Incidents.class), clock,
                BrokerSyncSettings.defaults(), recovery.syncFrom()).whileDatabase(container.get(DatabaseGuard.class));
        // The held positions at their last cached prices (no broker call), then the trading day's starting equity:
        // read back when this day already has one (a restart keeps the day's loss), else taken and stored now.
        try {
            container.get(RecordingPrices.class).markFromCache(positionCache.open().map(Position::symbol));
        } catch (dev.tradingcore.domain.common.StoreUnavailableException unavailable) {
            // Marked by the first prices instead.
        }
        try {
            container.get(dev.tradingcore.application.risk.DailyPnl.class).startOfDay();
        } catch (dev.tradingcore.domain.common.StoreUnavailableException unavailable) {
            // Taken at the first price or order instead.
        }
        resting.rememberOpen();
        restingWatch = watchRestingOrders();
        if (backgroundJobs) {
            RecordingPrices prices = container.get(RecordingPrices.class);
            prices.start(settings.risk().markFlushInterval());
            BrokerGateway gateway = givenBroker;
            PriceSource source = gateway instanceof PriceSource own ? own
                    : choices.deferred() != null && choices.deferred().current() instanceof PriceSource led ? led : null;
            if (source != null) {
                pricePolling = pollPrices(source, prices);
            }
            controlsReload = reloadControls();
            container.get(PeriodicRiskSnapshots.class).start();
            periodicSync = new PeriodicBrokerSync(brokerSync, settings.trading().brokerSyncInterval(),
                    container.get(Incidents.class));
            periodicSync.start();
            maintenance = dailyPartitionMaintenance();
        }
        if (auditSealing) {
            container.get(dev.tradingcore.application.audit.PeriodicAuditSealing.class).start();
        }
        measure();
        if (monitoring) {
            // Also when the caller drives the sync itself: `run` started no monitor, and a 30 s session with
            // thresholds any system crosses raised no alert at all.
            container.get(HealthMonitor.class).start();
        }
        container.get(AsyncAuditLogger.class).log(AuditEvent.of(clock.instant(), "core", "core_started",
                AuditSeverity.INFO,
                AuditEvent.details("positions", Integer.toString(positions().size()), "recovery",
                        recovery.outcome().name().toLowerCase(java.util.Locale.ROOT), "ledger_id", ledgerId,
                        "broker", choices.brokerDescription(), "binding", binding.describe())));
        prepared = true;
    }

    /**
     * The core's state as gauges in its registry: trading switch, risk, audit logger, broker sync, database guard and
     * what the database says about itself (sampled at most every 5 s, through the monitoring connection).
     */
    private void measure() {
        DatabaseGuard guard = container.get(DatabaseGuard.class);
        dev.tradingcore.adapters.postgres.schema.DatabaseStatus status =
                container.get(dev.tradingcore.adapters.postgres.schema.DatabaseStatus.class);
        java.util.List<String> tables = java.util.List.of();
        java.util.List<String> partitioned = java.util.List.of();
        try {
            tables = status.tableSizes().stream().map(t -> t.table()).toList();
            partitioned = status.partitions().stream().map(p -> p.table()).distinct().toList();
        } catch (SQLException | RuntimeException away) {
            // The database went away after recovery: the core trades on; only the per-table series are missing.
            LOG.warn("the tables could not be listed for the metrics: no table size or partition series this run",
                    away);
        }
        CoreHealthChecks.Sources sources = container.get(CoreHealthChecks.Sources.class);
        container.get(dev.tradingcore.application.port.out.Meters.class).gauge(
                "tradingcore.reconciliation.discrepancies", "Positions that differed from the broker's at the latest"
                        + " reconciliation (start-up recovery or recover())", "", java.util.Map.of(), () -> {
                    RecoveryReport latest = recoveryReport();
                    return latest != null && latest.positions()
                            instanceof dev.tradingcore.application.port.in.ReconciliationResult.Reconciled done
                                    ? done.report().discrepancies().size() : 0;
                });
        new CoreGauges(container.get(dev.tradingcore.application.port.out.Meters.class), clock)
                .trading(container.get(TradingControls.class))
                .risk(container.get(SnapshottingRisk.class),
                        container.get(dev.tradingcore.application.risk.DailyPnl.class))
                .audit(container.get(AsyncAuditLogger.class))
                .brokerSync(brokerSync)
                .databaseGuard(() -> guard.status().state().name().toLowerCase(java.util.Locale.ROOT),
                        guard::connectionFailures)
                .database(new CoreGauges.DatabaseFigures(sources.activity(), sources.disk(), clock,
                        java.time.Duration.ofSeconds(5), settings.monitoring().slowQuery(), LOG::debug), tables,
                        partitioned, settings.replicaUrl().isPresent());
    }

    /**
     * Why the core is not ready now (for {@code /health/ready}), empty once it is: migrated and recovered (start-up
     * recovery complete, or trading despite it chosen) with the database taking work.
     */
    public java.util.Optional<String> notReady() {
        if (!prepared) {
            return java.util.Optional.of("starting: migrating the schema and recovering");
        }
        Option<String> held = ordersHeld();
        if (held.isDefined()) {
            return java.util.Optional.of(held.get());
        }
        DatabaseGuard guard = container.get(DatabaseGuard.class);
        if (!guard.acceptingWork()) {
            return java.util.Optional.of("the database is " + guard.status().describe());
        }
        return java.util.Optional.empty();
    }

    /** Where {@code /metrics} is served, when a metrics port is set. */
    public java.util.Optional<java.net.InetSocketAddress> metricsAddress() {
        return endpoint.map(MetricsEndpoint::address);
    }

    /** The core's metrics registry (Prometheus format): what {@code /metrics} serves. */
    public PrometheusMeterRegistry metricsRegistry() {
        return registry;
    }

    /**
     * The binding check, then recovery if it may run; orders held when it was incomplete (unless the embedder chose
     * to trade anyway, which is audited), released when it was not.
     */
    private RecoveryReport recoverNow(boolean atStart) {
        binding = container.get(LedgerBinding.class).check(choices.brokerDescription(), choices.adoptBroker());
        if (atStart && binding instanceof LedgerBinding.Outcome.Elsewhere elsewhere) {
            throw new LedgerBoundElsewhere(elsewhere.describe() + ". Nothing was changed. Trade with this broker on a"
                    + " database of its own (another DATABASE_URL, or another TRADING_CORE_HOME for the embedded"
                    + " database), or adopt it (adoptBroker(true), --adopt-broker): the orders still open for the"
                    + " previous account are then closed as abandoned and every position set to this broker's, each"
                    + " step audited.");
        }
        StartupRecovery startup = container.get(StartupRecovery.class);
        RecoveryReport report = binding.mayReconcile() ? startup.recover() : startup.notRun(binding.describe());
        TradingControls controls = container.get(TradingControls.class);
        if (report.outcome() != RecoveryReport.Outcome.INCOMPLETE) {
            controls.releaseOrders();
        } else if (choices.tradeDespiteIncompleteRecovery()) {
            controls.releaseOrders();
            // Through the asynchronous logger: the database may be what did not answer, and it retries.
            container.get(AsyncAuditLogger.class).log(AuditEvent.of(clock.instant(), "core",
                    "trading_despite_incomplete_recovery", AuditSeverity.WARNING, AuditEvent.details("ledger_id",
                            ledgerId, "reason", incompleteBecause(report))));
        } else {
            controls.holdOrders("start-up recovery is incomplete, so what this ledger holds is not known for sure ("
                    + incompleteBecause(report) + "); no order is accepted until a recovery succeeds"
                    + " (TradingCore.recover(), or a restart), unless trading anyway is chosen"
                    + " (tradeDespiteIncompleteRecovery, --trade-despite-incomplete-recovery)");
        }
        return report;
    }

    /** Why a recovery was incomplete, in one line. */
    static String incompleteBecause(RecoveryReport report) {
        List<String> why = List.empty();
        if (report.positions() instanceof dev.tradingcore.application.port.in.ReconciliationResult.NotRun notRun) {
            why = why.append("positions not reconciled: " + notRun.reason());
        }
        why = why.appendAll(report.reasons()).distinct();
        String line = why.take(3).mkString("; ");
        return why.size() > 3 ? line + "; and " + (why.size() - 3) + " more" : line;
    }

    // --- recovery and the broker ----------------------------------------------------------------------------------

    /** What start-up recovery (or the latest {@link #recover()}) found and did. */
    public synchronized RecoveryReport recoveryReport() {
        return recovery;
    }

    /**
     * Recovery again: after an incomplete one (the broker or the database did not answer), the core refuses orders
     * until this succeeds. Checks the broker's account against the ledger's first: a broker that turns out to be
     * another account is not reconciled with (and orders stay refused).
     */
    public synchronized RecoveryReport recover() {
        recovery = recoverNow(false);
        return recovery;
    }

    /** How many times a failover to another database server ran start-up recovery again (see FailoverRecovery). */
    public int failoverRecoveries() {
        return failover == null ? 0 : failover.recoveries();
    }

    /** Whether a recovery after a failover is running or waiting to be tried again. */
    public boolean recoveringFromFailover() {
        return failover != null && failover.recovering();
    }

    /** The id of the ledger the database holds (given at its first start; a restored dump keeps it). */
    public String ledgerId() {
        return ledgerId;
    }

    /** Which broker account the ledger follows, as the latest check found (and, at a first start, made) it. */
    public synchronized LedgerBinding.Outcome brokerBinding() {
        return binding;
    }

    /** Why new orders are refused, if they are (an incomplete recovery). */
    public Option<String> ordersHeld() {
        return container.get(TradingControls.class).orderHold();
    }

    /**
     * One round of the broker sync now: the fills the broker reports since the last round, recorded exactly once,
     * and the states of our open orders. It also runs on its own every {@code trading.broker-sync-interval} unless
     * the core was started without background jobs.
     */
    public SyncRound syncWithBroker() {
        return brokerSync.syncOnce();
    }

    /** How often a running core reads the trading switch and limits back from the database. */
    static final java.time.Duration CONTROLS_RELOAD = java.time.Duration.ofSeconds(2);

    /**
     * The trading switch and the risk limits read back from the database every {@link #CONTROLS_RELOAD}: a
     * {@code trading disable} (or {@code enable}) typed while this core runs takes effect within it, not at the next
     * start. A failed read keeps what is in memory.
     */
    private java.util.concurrent.ScheduledExecutorService reloadControls() {
        java.util.concurrent.ScheduledExecutorService scheduler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "controls-reload");
                    thread.setDaemon(true);
                    return thread;
                });
        long every = CONTROLS_RELOAD.toMillis();
        // The database away: what is in memory stays, read again at the next tick; anything else is said.
        BackgroundFailures failures = new BackgroundFailures("rereading the trading switch", BACKGROUND_LOG::warn,
                clock);
        scheduler.scheduleWithFixedDelay(() -> failures.run(() -> container.get(TradingControls.class).reload()),
                every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /**
     * The broker's own prices (the simulation's feed, a Trader API's positions), taken every broker sync interval
     * while the core runs with background jobs; a failed poll is tried again at the next.
     */
    private java.util.concurrent.ScheduledExecutorService pollPrices(PriceSource source, RecordingPrices prices) {
        java.util.concurrent.ScheduledExecutorService scheduler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "price-poll");
                    thread.setDaemon(true);
                    return thread;
                });
        long every = Math.max(100, settings.trading().brokerSyncInterval().toMillis());
        BackgroundFailures failures = new BackgroundFailures("polling the broker's prices", BACKGROUND_LOG::warn,
                clock);
        scheduler.scheduleWithFixedDelay(() -> failures.run(() -> prices.pollFrom(source, clock.instant())),
                every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /**
     * Partitions are created ahead at start; a core that stays up for weeks must also create them as time passes (and
     * retire old ones), so maintenance runs again every 12 hours. A failed run is alerted and retried at the next.
     */
    private java.util.concurrent.ScheduledExecutorService dailyPartitionMaintenance() {
        java.util.concurrent.ScheduledExecutorService scheduler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "partition-maintenance");
                    thread.setDaemon(true);
                    return thread;
                });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                container.get(PartitionMaintenance.class).maintain(clock.instant());
            } catch (SQLException | RuntimeException failed) {
                container.get(AlertSink.class).send(dev.tradingcore.domain.port.Alert.of(
                        dev.tradingcore.domain.port.AlertSeverity.WARNING, "Partition maintenance failed",
                        "maintain_partitions() failed and runs again in 12 hours: " + failed.getMessage(),
                        clock.instant()));
            }
        }, 12, 12, java.util.concurrent.TimeUnit.HOURS);
        return scheduler;
    }

    /**
     * The database's health, every second, for the resting-orders policy: started whatever the background jobs, since
     * it is what keeps orders from working unwatched while the database is away.
     */
    private java.util.concurrent.ScheduledExecutorService watchRestingOrders() {
        java.util.concurrent.ScheduledExecutorService scheduler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "resting-orders-watch");
                    thread.setDaemon(true);
                    return thread;
                });
        DatabaseHealth health = container.get(DatabaseHealth.class);
        long every = Math.max(100, Math.min(1000, resting.policy().degradedAfter().toMillis() / 4));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                resting.watch(health);
            } catch (RuntimeException unexpected) {
                LOG.warn("the resting-orders watch failed; it runs again", unexpected);
            }
        }, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        return scheduler;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TradingCore.class);

    // --- orders ---------------------------------------------------------------------------------------------------

    /** Checks, records and sends an order; see {@link SubmitResult} for every answer. */
    public SubmitResult submit(OrderTicket ticket) {
        java.util.concurrent.locks.Lock shared = stopping.readLock();
        shared.lock();
        try {
            if (stopped) {
                return new SubmitResult.Refused(Rejection.of(TRADING_STOPPED, "trading was stopped (" + stoppedBecause
                        + "): no new order is placed, so that none rests at the broker unseen by the resting-orders"
                        + " policy"));
            }
            long started = System.nanoTime();
            SubmitResult result = submitting.submit(ticket);
            latencies.submitted(started);
            return metrics.submitted(result, started);
        } finally {
            shared.unlock();
        }
    }

    /**
     * Stops trading: applies the resting-orders policy (trading.resting-orders: our orders resting at the broker
     * cancelled there, or left) and says what it did, then books what the broker reports (fills made before a cancel,
     * the cancels). Once: later calls, and {@link #close()}, return the first report. From its first call on, every
     * order submitted is refused ({@value #TRADING_STOPPED}), and the orders being submitted when it is called reach
     * the broker before it is asked what rests. A trading application calls it
     * when it stops, or when it stops because of a failure; {@code close()} calls it if it was not called.
     */
    public synchronized RestingOrders.Report stopTrading(RestingOrders.Trigger trigger, String reason) {
        if (stopReport != null) {
            return stopReport;
        }
        // No order placed from now on, and those in flight at the broker before it is asked what rests.
        java.util.concurrent.locks.Lock alone = stopping.writeLock();
        alone.lock();
        try {
            stoppedBecause = trigger.code() + ": " + reason;
            stopped = true;
        } finally {
            alone.unlock();
        }
        stopReport = resting.apply(trigger, reason);
        // The refusals counted since the last summary, audited now (the run's summary counts the audit rows).
        dev.tradingcore.domain.audit.AuditLog auditLog = container.get(dev.tradingcore.domain.audit.AuditLog.class);
        submitting.rateGuard().flush(event -> {
            try {
                auditLog.append(event);
            } catch (RuntimeException unavailable) {
                auditLogger().tryLog(event);
            }
        });
        if (brokerSync != null) {
            try {
                brokerSync.syncOnce();
            } catch (RuntimeException unexpected) {
                LOG.warn("the broker sync after stopping trading failed; the next start's recovery books it",
                        unexpected);
            }
        }
        return stopReport;
    }

    /** Our orders resting at the broker now, as it lists them; nothing is changed. */
    public RestingOrders.Report restingOrders() {
        return resting.list("asked");
    }

    /** The order storm guard: its limits and the refusals it counted, by reason. */
    public OrderRateGuard orderRateGuard() {
        return submitting.rateGuard();
    }

    /** Asks the broker to cancel one of our orders and records what it answers. */
    public Either<Rejection, Order> cancel(OrderId orderId) {
        return cancelling.cancel(orderId);
    }

    /** Applies a state the broker reports for one of our orders (accepted, cancelled, expired, rejected...). */
    public Either<Rejection, Order> updateOrderStatus(BrokerOrder report) {
        return statusUpdates.apply(report);
    }

    /** Order and trade lookups. */
    public OrderQueries orders() {
        return queries;
    }

    // --- fills and positions ------------------------------------------------------------------------------------

    /**
     * Records one execution exactly once with its effects on position and order. Acknowledge the broker's message
     * only when {@link FillOutcome#isRecorded()}.
     */
    public FillOutcome applyFill(Trade trade) {
        return fills.apply(trade);
    }

    /** The position of a symbol, from memory. */
    public Option<Position> position(Symbol symbol) {
        return positionCache.get(symbol);
    }

    /** Every position, flat ones included, from memory. */
    public List<Position> positions() {
        return positionCache.all();
    }

    /**
     * Whether the positions served from memory may be behind the broker: while the database is unavailable, fills the
     * broker makes are not booked (the broker keeps them, and the sync books each exactly once when the database is
     * back), so the cached positions are as of the outage's start. Empty while the database is available.
     */
    public Option<String> positionsStale() {
        DatabaseGuard guard = container.get(DatabaseGuard.class);
        if (guard.acceptingWork()) {
            return Option.none();
        }
        return Option.some("positions are served from memory as of " + guard.status().lastFailureAt()
                .orElse(guard.status().since()) + " and may be stale: the database is "
                + guard.status().describe() + "; fills the broker makes meanwhile are booked when it is back");
    }

    // --- risk and control -----------------------------------------------------------------------------------------

    /**
     * Prices into the core: each marks its symbol's position at once, is checked against the daily loss limit, and
     * goes to the market data cache in the next batch (never a database round trip per price).
     */
    public UpdatePrices prices() {
        return container.get(RecordingPrices.class);
    }

    /** One price, observed now. */
    public void updatePrice(Symbol symbol, dev.tradingcore.domain.common.Price price) {
        prices().update(dev.tradingcore.domain.marketdata.Quote.last(symbol, clock.instant(), price));
    }

    /**
     * The symbol's latest price, read through: from memory when younger than {@code risk.mark-stale-after}, else
     * from the market data cache, else asked of the broker when it gives prices. None when none is fresh.
     */
    public Option<dev.tradingcore.domain.marketdata.Quote> price(Symbol symbol) {
        BrokerGateway gateway = givenBroker;
        Option<PriceSource> source = gateway instanceof PriceSource own ? Option.some(own)
                : choices.deferred() != null && choices.deferred().current() instanceof PriceSource led
                        ? Option.some(led) : Option.none();
        return container.get(RecordingPrices.class).priceOf(symbol, clock.instant(), settings.risk().markStaleAfter(),
                source);
    }

    /** Takes every price a source has now (e.g. the simulation's feed after a step). */
    public int pollPrices(PriceSource source) {
        return container.get(RecordingPrices.class).pollFrom(source, clock.instant()).getOrElse(0);
    }

    /**
     * Writes the waiting prices to the market data cache and brings the stored positions' marks up to date now
     * (otherwise done every second with background jobs, and when the core stops).
     */
    public void flushPrices() {
        container.get(RecordingPrices.class).flush();
    }

    /**
     * Every open position with its latest price, market value and unrealized P&amp;L, from memory; a mark older than
     * {@code risk.mark-stale-after} is marked stale.
     */
    public List<MarkedPosition> markedPositions() {
        java.time.Instant now = clock.instant();
        return positionCache.open().map(p -> MarkedPosition.of(p, positionCache.markOf(p.symbol()), now,
                settings.risk().markStaleAfter()));
    }

    /** Today's P&amp;L (realized and unrealized since the start of the trading day), what the daily loss limit reads. */
    public dev.tradingcore.domain.common.Money pnlToday() {
        return container.get(dev.tradingcore.application.risk.DailyPnl.class).today();
    }

    /** The equity the trading day counts from (stored: a restart in the same day keeps it). */
    public dev.tradingcore.domain.state.StartOfDay startOfDay() {
        return container.get(dev.tradingcore.application.risk.DailyPnl.class).startOfDay();
    }

    /** Turns trading on: audited with who did it and why. The kill switch is turned back on only this way. */
    public dev.tradingcore.domain.state.TradingSwitch enableTrading(String by, String reason) {
        return controls().turn(true, reason, by);
    }

    /** Turns trading off: no new order is accepted; audited with who did it and why, and alerted. */
    public dev.tradingcore.domain.state.TradingSwitch disableTrading(String by, String reason) {
        return controls().turn(false, reason, by);
    }

    /** Computes and saves a risk snapshot now (they are also taken periodically while trading). */
    public RiskSnapshot snapshotRisk() {
        return container.get(SnapshottingRisk.class).snapshot();
    }

    /** The trading switch and the risk limits. */
    public TradingControls controls() {
        return container.get(TradingControls.class);
    }

    /** Background audit events (not tied to an order or fill): bounded, batched, flushed on close. */
    public AsyncAuditLogger auditLogger() {
        return container.get(AsyncAuditLogger.class);
    }

    /** The database's state as the guard sees it: closed (working), open (unavailable) or half-open (probing). */
    public String databaseHealth() {
        return container.get(DatabaseGuard.class).describe();
    }

    /** A bean of the core, for the command line and tests (the use cases above are the supported API). */
    public <T> T component(Class<T> type) {
        return container.get(type);
    }

    /** Stops the background jobs, flushes the audit logger, closes the pools (and the embedded server, if any). */
    @Override
    public void close() {
        if (failover != null) {
            failover.close();
        }
        if (restingWatch != null) {
            restingWatch.shutdownNow();
        }
        if (periodicSync != null) {
            periodicSync.close();
        }
        if (restingOrdersPolicyOnClose) {
            try {
                stopTrading(RestingOrders.Trigger.STOP, "the core is closing");
            } catch (RuntimeException unexpected) {
                LOG.error("the resting-orders policy failed while closing: orders may rest at the broker", unexpected);
            }
        }
        submitting.rateGuard().flush();
        if (maintenance != null) {
            maintenance.shutdownNow();
        }
        if (pricePolling != null) {
            pricePolling.shutdownNow();
        }
        if (controlsReload != null) {
            controlsReload.shutdownNow();
        }
        // The prices still waiting, and the positions' marks, before the pools close.
        try {
            container.get(RecordingPrices.class).close();
        } catch (RuntimeException failed) {
            // the database is away: the prices are lost with the process, the marks are taken again from the next
        }
        // The container disposes beans in no particular order: it closed the pools before the audit logger had
        // flushed, losing an accepted event and waiting out the flush timeout. Flush while the pools are open.
        container.get(PeriodicRiskSnapshots.class).close();
        container.get(AsyncAuditLogger.class).close();
        // Then the last seal, over what the audit logger has just flushed.
        container.get(dev.tradingcore.application.audit.PeriodicAuditSealing.class).close();
        container.close();
        endpoint.ifPresent(MetricsEndpoint::close);
        // Last: alerts raised while shutting down (the audit logger's flush) still go out.
        closeAlerts(ownedAlerts);
    }

    /**
     * A start that failed part-way stops what it had started (the resting-orders watch, the sync, the price and
     * switch threads) before its container closes: left running, they logged every second against a closed container.
     */
    private static void stopThreadsOf(TradingCore core) {
        if (core == null) {
            return;
        }
        for (java.util.concurrent.ExecutorService started : new java.util.concurrent.ExecutorService[] {
                core.restingWatch, core.maintenance, core.pricePolling, core.controlsReload}) {
            if (started != null) {
                started.shutdownNow();
            }
        }
        if (core.periodicSync != null) {
            core.periodicSync.close();
        }
        core.endpoint.ifPresent(MetricsEndpoint::close);
        try {
            core.container.get(RecordingPrices.class).close();
        } catch (RuntimeException away) {
            // its writer thread is stopped first; the prices waiting are lost with a start that failed
        }
    }

    private static void closeAlerts(RoutingAlertSink sink) {
        if (sink != null) {
            sink.close();
        }
    }

    /** The core could not start: the database could not be reached or migrated, or a start-up step failed. */
    public static class CoreStartFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CoreStartFailed(String message, Throwable cause) {
            super(message, cause);
        }

        CoreStartFailed(String message) {
            super(message);
        }
    }

    /**
     * The core did not start: the database's ledger follows another broker account than the one given, and adopting
     * it was not asked for. Nothing was changed (no order, no position, no broker call but the account's).
     */
    public static final class LedgerBoundElsewhere extends CoreStartFailed {

        private static final long serialVersionUID = 1L;

        LedgerBoundElsewhere(String message) {
            super(message);
        }
    }
}
