package dev.tradingcore.application.recovery;

import dev.tradingcore.application.port.in.ReconcilePositions;
import dev.tradingcore.application.port.in.ReconciliationResult;
import dev.tradingcore.application.port.in.ReconciliationResult.Cause;
import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.sync.FillSweep;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.position.VersionedPosition;
import dev.tradingcore.domain.reconciliation.Discrepancy;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.reconciliation.PositionCorrections.Correction;
import dev.tradingcore.domain.reconciliation.Reconciliation;
import dev.tradingcore.domain.reconciliation.ReconciliationReport;
import dev.tradingcore.domain.state.SystemStateRepository;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Set;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;

/**
 * Makes our positions equal to the broker's, which are the truth, in both directions: a symbol the broker holds and
 * we do not is taken over, one we hold and the broker does not is set flat, a different quantity is set to the
 * broker's (the domain's {@link Reconciliation}). The corrections and one audit line per discrepancy are written in
 * one transaction; the corrected positions go to the cache; an alert says what differed; {@code last_reconciliation}
 * records when positions last matched.
 *
 * <p>A comparison is only meaningful if every fill the broker's snapshot contains is recorded, and no fill we recorded
 * is missing from it. So each attempt takes the broker's snapshot, then reads the fills since {@code executionsSince}
 * and records the ones still missing; if any was, an execution may have landed around the snapshot and the attempt
 * starts again. A symbol where one of our open orders has fills the broker reports and we have not read is left out
 * (the snapshot contains them: a correction would count them twice once they are booked). Then our positions are read
 * with their versions and the corrections are written only if no position
 * moved on in between (a fill recorded meanwhile by the sync, or by a running core while {@code reconcile-only}
 * runs); otherwise the attempt starts again. Nothing is written when the broker or the database does not answer.
 */
public final class ReconcilingPositions implements ReconcilePositions {

    private final Option<AuditLog> auditLog;
    private final BrokerGateway broker;
    private final OrderRepository orders;
    private final PositionRepository positions;
    private final PositionCorrections corrections;
    private final PositionCache cache;
    private final FillSweep sweep;
    private final SystemStateRepository state;
    private final AlertSink alerts;
    private final Incidents incidents;
    private final Clock clock;
    private final RecoverySettings settings;

    public ReconcilingPositions(BrokerGateway broker, OrderRepository orders, PositionRepository positions,
            PositionCorrections corrections, PositionCache cache, FillSweep sweep, SystemStateRepository state,
            AlertSink alerts, Incidents incidents, Clock clock, RecoverySettings settings) {
        this(broker, orders, positions, corrections, cache, sweep, state, alerts, incidents, clock, settings,
                Option.none());
    }

    /** @param audit where an escalation without a correction (a broken broker snapshot) writes its audit line */
    public ReconcilingPositions(BrokerGateway broker, OrderRepository orders, PositionRepository positions,
            PositionCorrections corrections, PositionCache cache, FillSweep sweep, SystemStateRepository state,
            AlertSink alerts, Incidents incidents, Clock clock, RecoverySettings settings, AuditLog audit) {
        this(broker, orders, positions, corrections, cache, sweep, state, alerts, incidents, clock, settings,
                Option.of(audit));
    }

    private ReconcilingPositions(BrokerGateway broker, OrderRepository orders, PositionRepository positions,
            PositionCorrections corrections, PositionCache cache, FillSweep sweep, SystemStateRepository state,
            AlertSink alerts, Incidents incidents, Clock clock, RecoverySettings settings, Option<AuditLog> audit) {
        this.auditLog = audit;
        this.broker = broker;
        this.orders = orders;
        this.positions = positions;
        this.corrections = corrections;
        this.cache = cache;
        this.sweep = sweep;
        this.state = state;
        this.alerts = alerts;
        this.incidents = incidents;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public ReconciliationResult reconcile(Instant executionsSince) {
        String unsettled = "";
        for (int attempt = 1; attempt <= settings.reconcileAttempts(); attempt++) {
            try {
                Either<ReconciliationResult, ReconciliationResult> result = attempt(executionsSince);
                if (result.isRight()) {
                    return result.get();
                }
                unsettled = ((ReconciliationResult.NotRun) result.getLeft()).reason();
            } catch (StoreUnavailableException unavailable) {
                return new ReconciliationResult.NotRun(Cause.DATABASE, "database unavailable: "
                        + unavailable.getMessage());
            }
        }
        return new ReconciliationResult.NotRun(Cause.FILLS_UNSETTLED, "positions kept moving during "
                + settings.reconcileAttempts() + " attempts (" + unsettled + "); nothing corrected, try again");
    }

    /** Left: try again (with why); right: done. */
    private Either<ReconciliationResult, ReconciliationResult> attempt(Instant executionsSince) {
        Either<BrokerFailure, List<BrokerPosition>> snapshot = broker.positions();
        if (snapshot.isLeft()) {
            return Either.right(new ReconciliationResult.NotRun(Cause.BROKER, "the broker's positions not read: "
                    + snapshot.getLeft().message()));
        }
        Either<BrokerFailure, Listing<BrokerFill>> fills = broker.fillsSince(executionsSince);
        if (fills.isLeft()) {
            return Either.right(new ReconciliationResult.NotRun(Cause.BROKER, "fills since " + executionsSince
                    + " not read: " + fills.getLeft().message()));
        }
        FillSweep.Swept swept = sweep.apply(fills.get());
        if (swept.counts().unsettled() > 0) {
            return Either.right(new ReconciliationResult.NotRun(Cause.FILLS_UNSETTLED, swept.counts().unsettled()
                    + " fill(s) could not be recorded or read: " + swept.failures().mkString("; ")));
        }
        if (swept.counts().applied() > 0) {
            return Either.left(new ReconciliationResult.NotRun(Cause.FILLS_UNSETTLED, "fills recorded during the "
                    + "comparison in " + swept.symbolsApplied().toSortedSet().mkString(", ")));
        }

        // After the snapshot: an order of ours whose broker filled quantity exceeds what we booked has executions in
        // the snapshot that we have not read (a broker publishes some late). Its symbol is left out.
        Either<String, Set<Symbol>> awaiting = symbolsAwaitingFills();
        if (awaiting.isLeft()) {
            return Either.right(new ReconciliationResult.NotRun(Cause.BROKER, awaiting.getLeft()));
        }
        Set<Symbol> skipped = awaiting.get();
        List<VersionedPosition> ours = positions.findAllVersioned().filter(v -> !skipped.contains(v.position()
                .symbol()));
        List<BrokerPosition> theirs = snapshot.get().filter(p -> !skipped.contains(p.symbol()));
        Instant at = clock.instant();
        ReconciliationReport report;
        try {
            report = Reconciliation.reconcile(ours.map(VersionedPosition::position), theirs, at);
        } catch (IllegalArgumentException malformed) {
            // An escalation is an audit line too, written before the alert (a database that does not take it does
            // not keep the alert from going out).
            String reason = malformed.getMessage();
            String why = reason;
            try {
                auditLog.forEach(log -> log.append(AuditEvent.of(at, "reconciliation", "reconciliation_impossible",
                        AuditSeverity.ERROR, AuditEvent.details("reason", reason))));
            } catch (StoreUnavailableException unavailable) {
                why = reason + " (its audit line could not be written: " + unavailable.getMessage() + ")";
            }
            alerts.send(Alert.of(AlertSeverity.HIGH, "Reconciliation impossible", why, at));
            return Either.right(new ReconciliationResult.NotRun(Cause.BROKER, malformed.getMessage()));
        }
        if (report.isClean()) {
            state.saveLastReconciliation(at);
            incidents.resolve(FillSweep.FOREIGN_FILLS, "positions match the broker's");
            return Either.right(new ReconciliationResult.Reconciled(report, List.empty(), skipped));
        }

        Map<Symbol, Long> versions = LinkedHashMap.ofEntries(ours.map(v -> io.vavr.Tuple.of(v.position().symbol(),
                v.version())));
        List<Correction> toWrite = report.corrections().map(p -> new Correction(p,
                versions.get(p.symbol()).getOrElse(0L)));
        List<AuditEvent> audit = report.discrepancies().zip(report.corrections())
                .map(pair -> audit(pair._1, pair._2, at));
        Either<Rejection, List<VersionedPosition>> written = corrections.apply(toWrite, audit);
        if (written.isLeft()) {
            if (PositionCorrections.STALE.equals(written.getLeft().code())) {
                return Either.left(new ReconciliationResult.NotRun(Cause.FILLS_UNSETTLED,
                        written.getLeft().message()));
            }
            return Either.right(new ReconciliationResult.NotRun(Cause.DATABASE, "corrections refused: "
                    + written.getLeft().message()));
        }
        written.get().forEach(cache::accept);
        alerts.send(alert(report, at));
        state.saveLastReconciliation(at);
        incidents.resolve(FillSweep.FOREIGN_FILLS, "positions set to the broker's");
        return Either.right(new ReconciliationResult.Reconciled(report, written.get(), skipped));
    }

    /**
     * The symbols of our open orders whose broker filled quantity is more than we booked; a failure when the broker
     * could not say for one of them (then no symbol can be trusted to be complete).
     */
    private Either<String, Set<Symbol>> symbolsAwaitingFills() {
        List<Order> open = orders.findByStatuses(RecoveringOrders.INTERMEDIATE);
        if (open.isEmpty()) {
            return Either.right(HashSet.empty());
        }
        Either<BrokerFailure, Listing<BrokerOrder>> working = broker.openOrders();
        if (working.isLeft()) {
            return Either.left("the broker's open orders not read: " + working.getLeft().message());
        }
        Map<BrokerOrderId, BrokerOrder> listed = LinkedHashMap.ofEntries(working.get().items()
                .map(o -> io.vavr.Tuple.of(o.brokerOrderId(), o)));
        Set<Symbol> awaiting = HashSet.empty();
        for (Order order : open) {
            Either<BrokerFailure, BrokerOrder> report = order.brokerOrderId().flatMap(listed::get)
                    .<Either<BrokerFailure, BrokerOrder>>map(Either::right)
                    .getOrElse(() -> order.brokerOrderId().isDefined() ? broker.orderById(order.brokerOrderId().get())
                            : broker.orderByClientOrderId(order.clientOrderId()));
            if (report.isLeft() && report.getLeft() instanceof BrokerFailure.NotFound) {
                continue; // never reached the broker: no execution of it can be in the snapshot
            }
            if (report.isLeft()) {
                return Either.left("order " + order.orderId() + " could not be checked at the broker: "
                        + report.getLeft().message());
            }
            if (report.get().filledQuantity().compareTo(order.filledQuantity()) > 0) {
                awaiting = awaiting.add(order.symbol());
            }
        }
        return Either.right(awaiting);
    }

    private static AuditEvent audit(Discrepancy discrepancy, Position corrected, Instant at) {
        String kind = switch (discrepancy) {
            case Discrepancy.MissingAtBroker m -> "missing_at_broker";
            case Discrepancy.MissingLocally m -> "missing_locally";
            case Discrepancy.QuantityMismatch m -> "quantity_mismatch";
        };
        return AuditEvent.of(at, "reconciliation", "position_corrected", AuditSeverity.WARNING, AuditEvent.details(
                "symbol", discrepancy.symbol().value(),
                "discrepancy", kind,
                "our_quantity", plain(discrepancy.ourQuantity()),
                "broker_quantity", plain(discrepancy.brokerQuantity()),
                "difference", plain(discrepancy.difference()),
                "corrected_quantity", plain(corrected.quantity()),
                "corrected_average_price", corrected.averagePrice().map(Price::toString).getOrElse(""),
                "description", discrepancy.description()));
    }

    private static Alert alert(ReconciliationReport report, Instant at) {
        Map<String, String> context = LinkedHashMap.of("discrepancies", String.valueOf(report.discrepancies().size()));
        for (Discrepancy d : report.discrepancies()) {
            context = context.put(d.symbol().value(), "ours " + plain(d.ourQuantity()) + ", broker "
                    + plain(d.brokerQuantity()));
        }
        return new Alert(AlertSeverity.HIGH, "Positions differed from the broker", report.summary(), at, context);
    }

    private static String plain(java.math.BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
