package dev.tradingcore.application.recovery;

import dev.tradingcore.application.port.in.FillCounts;
import dev.tradingcore.application.port.in.OrderRecoveryResult;
import dev.tradingcore.application.port.in.ReconcilePositions;
import dev.tradingcore.application.port.in.ReconciliationResult;
import dev.tradingcore.application.port.in.RecoverAtStartup;
import dev.tradingcore.application.port.in.RecoverOrders;
import dev.tradingcore.application.port.in.RecoveryReport;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.position.PositionRepository;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;

/**
 * Start-up recovery, before any new order is accepted:
 * <ol>
 *   <li>load every stored position into the cache;</li>
 *   <li>settle the orders left in intermediate states and record every fill missed while the core was down, exactly
 *       once ({@link RecoverOrders});</li>
 *   <li>only if every fill of the window is accounted for, reconcile positions with the broker and record
 *       {@code last_reconciliation} ({@link ReconcilePositions}).</li>
 * </ol>
 * The design reconciled positions first. That counts a missed fill twice: the correction sets the position to the
 * broker's quantity, which includes the fill, and order recovery then records the fill through the fill journal,
 * which moves the position again. Recording fills first leaves reconciliation only the real discrepancies.
 *
 * <p>An incomplete recovery (broker or database unavailable) raises a warning alert; what to do then (start and let
 * the sync catch up, or refuse to trade) is the caller's decision, from {@link RecoveryReport#outcome()}.
 */
public final class StartupRecovery implements RecoverAtStartup {

    private final PositionRepository positions;
    private final PositionCache cache;
    private final RecoverOrders orders;
    private final ReconcilePositions reconciliation;
    private final AlertSink alerts;
    private final Clock clock;
    private final RecoverySettings settings;

    public StartupRecovery(PositionRepository positions, PositionCache cache, RecoverOrders orders,
            ReconcilePositions reconciliation, AlertSink alerts, Clock clock, RecoverySettings settings) {
        this.positions = positions;
        this.cache = cache;
        this.orders = orders;
        this.reconciliation = reconciliation;
        this.alerts = alerts;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public RecoveryReport recover() {
        Instant started = clock.instant();
        try {
            cache.loadFrom(positions);
        } catch (StoreUnavailableException unavailable) {
            String why = "positions not loaded, database unavailable: " + unavailable.getMessage();
            OrderRecoveryResult none = new OrderRecoveryResult(started, false, 0, 0, 0, 0, 0, FillCounts.NONE,
                    Option.none(), List.empty());
            return finish(new RecoveryReport(started, clock.instant(), none, new ReconciliationResult.NotRun(
                    ReconciliationResult.Cause.DATABASE, why), started, List.of(why)));
        }
        OrderRecoveryResult recovered = orders.recover();
        ReconciliationResult reconciled = recovered.fillsSettled()
                ? reconciliation.reconcile(recovered.fillWindowStart())
                : new ReconciliationResult.NotRun(ReconciliationResult.Cause.FILLS_UNSETTLED,
                        "missed fills are not all recorded, so positions were not compared: a correction now would "
                                + "count them twice once they are recorded");
        return finish(new RecoveryReport(started, clock.instant(), recovered, reconciled,
                syncFrom(recovered), List.empty()));
    }

    /**
     * Recovery that cannot be run against this broker (it did not say which account it is, or it is not the account
     * the ledger follows): the stored positions are loaded into the cache, nothing is asked of the broker and nothing
     * is corrected; the report is incomplete, with {@code why}.
     */
    public RecoveryReport notRun(String why) {
        Instant started = clock.instant();
        List<String> failures = List.of(why);
        try {
            cache.loadFrom(positions);
        } catch (StoreUnavailableException unavailable) {
            failures = failures.append("positions not loaded, database unavailable: " + unavailable.getMessage());
        }
        OrderRecoveryResult none = new OrderRecoveryResult(started, false, 0, 0, 0, 0, 0, FillCounts.NONE,
                Option.none(), List.empty());
        return finish(new RecoveryReport(started, clock.instant(), none, new ReconciliationResult.NotRun(
                ReconciliationResult.Cause.BROKER, why), started, failures.drop(1)));
    }

    /**
     * Where the continuous sync starts: just before the newest fill seen when every fill of the window is settled
     * (re-reading a few is free), else the window's start, so that the sync records what recovery could not.
     */
    private Instant syncFrom(OrderRecoveryResult recovered) {
        Instant start = recovered.fillWindowStart();
        if (!recovered.fillsSettled()) {
            return start;
        }
        return recovered.newestFill().map(newest -> newest.minus(settings.syncOverlap()))
                .filter(candidate -> candidate.isAfter(start)).getOrElse(start);
    }

    private RecoveryReport finish(RecoveryReport report) {
        if (report.outcome() == RecoveryReport.Outcome.INCOMPLETE) {
            alerts.send(new Alert(AlertSeverity.WARNING, "Start-up recovery incomplete",
                    report.summary().mkString("; "), report.finishedAt(), LinkedHashMap.of(
                            "orders_left_for_retry", String.valueOf(report.orders().leftForRetry()),
                            "fills_unsettled", String.valueOf(report.orders().fills().unsettled()))));
        }
        return report;
    }
}
