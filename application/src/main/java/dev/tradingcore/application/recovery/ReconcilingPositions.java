package dev.tradingcore.application.recovery;

import dev.tradingcore.application.port.in.ReconcilePositions;
import dev.tradingcore.application.port.in.ReconciliationResult;
import dev.tradingcore.application.port.in.ReconciliationResult.Cause;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.sync.FillSweep;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
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
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
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
 * starts again. Then our positions are read with their versions and the corrections are written only if no position
 * moved on in between (a fill recorded meanwhile by the sync, or by a running core while {@code reconcile-only}
 * runs); otherwise the attempt starts again. Nothing is written when the broker or the database does not answer.
 */
public final class ReconcilingPositions implements ReconcilePositions {

    private final BrokerGateway broker;
    private final PositionRepository positions;
    private final PositionCorrections corrections;
    private final PositionCache cache;
    private final FillSweep sweep;
    private final SystemStateRepository state;
    private final AlertSink alerts;
    private final Clock clock;
    private final RecoverySettings settings;

    public ReconcilingPositions(BrokerGateway broker, PositionRepository positions, PositionCorrections corrections,
            PositionCache cache, FillSweep sweep, SystemStateRepository state, AlertSink alerts, Clock clock,
            RecoverySettings settings) {
        this.broker = broker;
        this.positions = positions;
        this.corrections = corrections;
        this.cache = cache;
        this.sweep = sweep;
        this.state = state;
        this.alerts = alerts;
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
        Either<BrokerFailure, List<BrokerFill>> fills = broker.fillsSince(executionsSince).flatMap(Listing::whole);
        if (fills.isLeft()) {
            return Either.right(new ReconciliationResult.NotRun(Cause.BROKER, "fills since " + executionsSince
                    + " not read: " + fills.getLeft().message()));
        }
        FillSweep.Swept swept = sweep.apply(fills.get());
        if (!swept.unsettled().isEmpty()) {
            return Either.right(new ReconciliationResult.NotRun(Cause.FILLS_UNSETTLED, swept.unsettled().size()
                    + " fill(s) could not be recorded: " + swept.failures().mkString("; ")));
        }
        if (swept.counts().applied() > 0) {
            return Either.left(new ReconciliationResult.NotRun(Cause.FILLS_UNSETTLED, "fills recorded during the "
                    + "comparison in " + swept.symbolsApplied().toSortedSet().mkString(", ")));
        }

        List<VersionedPosition> ours = positions.findAllVersioned();
        Instant at = clock.instant();
        ReconciliationReport report;
        try {
            report = Reconciliation.reconcile(ours.map(VersionedPosition::position), snapshot.get(), at);
        } catch (IllegalArgumentException malformed) {
            alerts.send(Alert.of(AlertSeverity.HIGH, "Reconciliation impossible", malformed.getMessage(), at));
            return Either.right(new ReconciliationResult.NotRun(Cause.BROKER, malformed.getMessage()));
        }
        if (report.isClean()) {
            state.saveLastReconciliation(at);
            return Either.right(new ReconciliationResult.Reconciled(report, List.empty()));
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
        return Either.right(new ReconciliationResult.Reconciled(report, written.get()));
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
