package dev.tradingcore.application.core;

import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.fill.BookedFills;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.order.CancellingOrder;
import dev.tradingcore.application.order.QueryingOrders;
import dev.tradingcore.application.order.SubmittingOrder;
import dev.tradingcore.application.order.UpdatingOrderStatus;
import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.recovery.ReconcilingPositions;
import dev.tradingcore.application.recovery.RecoveringOrders;
import dev.tradingcore.application.recovery.StartupRecovery;
import dev.tradingcore.application.risk.DailyPnl;
import dev.tradingcore.application.risk.SnapshottingRisk;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.application.sync.BrokerSync;
import dev.tradingcore.application.sync.FillSweep;
import io.vavr.collection.HashMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The core's use cases built from its ports, in plain Java: one place that says who talks to whom. Production wires
 * it into CDI (bootstrap's producers hand out its parts); the simulator builds a fresh one over the same store at
 * every restart, thousands of times a minute, which a CDI container could not do.
 *
 * <p>One assembly is one process's worth of state: the position cache, the sweep's memory of recorded trade ids, the
 * trading controls. A restart is a new assembly over the same ports.
 */
public final class CoreAssembly {

    private final CorePorts ports;
    private final CoreSettings settings;
    private final Clock clock;

    private final Incidents incidents;
    private final PositionCache positionCache;
    private final TradingControls controls;
    private final DailyPnl dailyPnl;
    private final ApplyFill applyFill;
    private final UpdatingOrderStatus statusUpdates;
    private final SubmittingOrder submitting;
    private final CancellingOrder cancelling;
    private final QueryingOrders queries;
    private final FillSweep sweep;
    private final RecoveringOrders recoveringOrders;
    private final ReconcilingPositions reconciling;
    private final StartupRecovery startupRecovery;
    private final SnapshottingRisk risk;

    public CoreAssembly(CorePorts ports, CoreSettings settings, Clock clock) {
        this.ports = ports;
        this.settings = settings;
        this.clock = clock;
        this.incidents = new Incidents(ports.alerts(), clock);
        this.positionCache = new PositionCache();
        this.controls = new TradingControls(ports.systemState(), ports.auditLog(), ports.alerts(), clock);
        this.dailyPnl = new DailyPnl(positionCache, ports.systemState(), settings.initialCapital(),
                DailyPnl.DEFAULT_ZONE, clock);
        BookedFills booked = new BookedFills();
        this.applyFill = settings.fillDecorator().apply(new ApplyingFill(ports.fillJournal(), ports.positions(),
                positionCache, ports.alerts(), clock, booked));
        this.statusUpdates = new UpdatingOrderStatus(ports.orders(), ports.orderJournal(), clock);
        this.submitting = new SubmittingOrder(ports.orderJournal(), ports.orders(), ports.broker(), positionCache,
                controls, dailyPnl, ports.database(), ports.alerts(), settings.newOrderId(), clock);
        this.cancelling = new CancellingOrder(ports.orders(), ports.orderJournal(), ports.broker(), statusUpdates,
                settings.recovery().submitInFlight(), clock);
        this.queries = new QueryingOrders(ports.orders(), ports.trades());
        this.sweep = new FillSweep(ports.orders(), ports.trades(), ports.orderJournal(), ports.broker(), applyFill,
                incidents, clock);
        this.recoveringOrders = new RecoveringOrders(ports.orders(), ports.orderJournal(), ports.systemState(),
                ports.broker(), sweep, ports.alerts(), clock, settings.recovery(), booked);
        this.reconciling = new ReconcilingPositions(ports.broker(), ports.orders(), ports.positions(),
                ports.corrections(), positionCache, sweep, ports.systemState(), ports.alerts(), incidents, clock,
                settings.recovery(), ports.auditLog());
        this.startupRecovery = new StartupRecovery(ports.positions(), positionCache, recoveringOrders, reconciling,
                ports.alerts(), clock, settings.recovery());
        this.risk = new SnapshottingRisk(ports.riskInputs(), ports.riskSnapshots(), settings.initialCapital(),
                HashMap.empty(), Duration.ofDays(30), clock);
    }

    public CorePorts ports() {
        return ports;
    }

    /** The core's incidents: one alert each, raised once, resolved once. */
    public Incidents incidents() {
        return incidents;
    }

    public PositionCache positionCache() {
        return positionCache;
    }

    public TradingControls controls() {
        return controls;
    }

    public DailyPnl dailyPnl() {
        return dailyPnl;
    }

    public ApplyFill applyFill() {
        return applyFill;
    }

    public UpdatingOrderStatus statusUpdates() {
        return statusUpdates;
    }

    public SubmittingOrder submitting() {
        return submitting;
    }

    public CancellingOrder cancelling() {
        return cancelling;
    }

    public QueryingOrders queries() {
        return queries;
    }

    public FillSweep sweep() {
        return sweep;
    }

    public RecoveringOrders recoveringOrders() {
        return recoveringOrders;
    }

    public ReconcilingPositions reconciling() {
        return reconciling;
    }

    public StartupRecovery startupRecovery() {
        return startupRecovery;
    }

    public SnapshottingRisk risk() {
        return risk;
    }

    /** The continuous broker sync, reading from {@code watermark} on (where start-up recovery stopped). */
    public BrokerSync brokerSync(Instant watermark) {
        return new BrokerSync(ports.broker(), ports.orders(), ports.orderJournal(), sweep, statusUpdates, incidents,
                clock, settings.sync(), watermark).whileDatabase(ports.database());
    }
}
