package dev.tradingcore.application.recovery;

import dev.tradingcore.application.fill.BookedFills;
import dev.tradingcore.application.port.in.FillCounts;
import dev.tradingcore.application.port.in.OrderRecoveryResult;
import dev.tradingcore.application.port.in.RecoverOrders;
import dev.tradingcore.application.sync.FillSweep;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.reconciliation.OrderRecovery;
import dev.tradingcore.domain.reconciliation.RecoveryDecision;
import dev.tradingcore.domain.trade.TradeId;
import dev.tradingcore.domain.state.SystemStateRepository;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;

/**
 * Settles every order left in an intermediate state with the broker, after recording the fills we missed.
 *
 * <ol>
 *   <li>The broker is asked for every fill executed since the oldest intermediate order was placed (or since
 *       positions last matched the broker, if earlier), less a margin; the {@link FillSweep} books them all exactly
 *       once, in execution order, matching each to its order (by the broker's id, else by our client order id).</li>
 *   <li>Each intermediate order is looked up: by the broker's id when we recorded it, else by our client order id.
 *       The domain ({@link OrderRecovery#decide}) says what the answer means for the order's status; the change goes
 *       through the order journal, computed on the stored order. A transient failure leaves the order as it is; a
 *       contradiction is applied as far as it is safe, alerted and written to the audit trail.</li>
 *   <li>An order whose broker filled quantity is not what we have booked awaits fills the broker has executed but not
 *       yet published (or a broker view that lags ours); so does an order that changed in our books between our
 *       read and the broker's answer (a fill pushed to the core, or booked by the sync, meanwhile): a decision made on
 *       the order as it was is not applied to the order as it is. Recovery waits for quiet: it pauses
 *       ({@link RecoverySettings#fillReadPause()}), reads the fills again and settles those orders again, until none
 *       awaits fills or {@link RecoverySettings#fillReads()} reads have been made; then it leaves the orders still
 *       awaiting to the sync, which keeps reading their fills: never an escalation for fills the same process is
 *       about to record.</li>
 *   <li>An escalation (a contradiction a person must look at) is an audit line first, then an alert.</li>
 * </ol>
 *
 * <p>The report's fill counts are of the fills of the window: applied are those this process booked while recovery
 * ran, whichever path booked them (recovery itself, a fill pushed to the core, the sync of a core that recovers
 * again), told by the {@link BookedFills} the fill use case keeps; already recorded are those booked before, by this
 * process or by another (a live core beside {@code reconcile-only}).
 */
public final class RecoveringOrders implements RecoverOrders {

    static final Set<OrderStatus> INTERMEDIATE = HashSet.of(OrderStatus.PENDING, OrderStatus.SUBMITTED,
            OrderStatus.PARTIAL_FILL, OrderStatus.UNKNOWN);

    private final OrderRepository orders;
    private final OrderJournal journal;
    private final SystemStateRepository state;
    private final BrokerGateway broker;
    private final FillSweep sweep;
    private final AlertSink alerts;
    private final Clock clock;
    private final RecoverySettings settings;
    private final BookedFills booked;

    public RecoveringOrders(OrderRepository orders, OrderJournal journal, SystemStateRepository state,
            BrokerGateway broker, FillSweep sweep, AlertSink alerts, Clock clock, RecoverySettings settings) {
        this(orders, journal, state, broker, sweep, alerts, clock, settings, new BookedFills());
    }

    /**
     * @param booked the fills this process books (the fill use case's): a fill of the window booked while recovery
     *     runs, pushed or synced, counts as applied
     */
    public RecoveringOrders(OrderRepository orders, OrderJournal journal, SystemStateRepository state,
            BrokerGateway broker, FillSweep sweep, AlertSink alerts, Clock clock, RecoverySettings settings,
            BookedFills booked) {
        this.booked = java.util.Objects.requireNonNull(booked, "booked");
        this.orders = orders;
        this.journal = journal;
        this.state = state;
        this.broker = broker;
        this.sweep = sweep;
        this.alerts = alerts;
        this.clock = clock;
        this.settings = settings;
    }

    /** Counts as the recovery goes. */
    private static final class Tally {
        int advanced;
        int unchanged;
        int retry;
        int escalated;
        FillCounts fills = FillCounts.NONE;
        /** The trade ids of the window recorded (now or before), over every read; and those recovery recorded. */
        Set<TradeId> recorded = HashSet.empty();
        Set<TradeId> applied = HashSet.empty();
        List<String> failures = List.empty();
        boolean fillsRead;
        Option<Instant> newestFill = Option.none();
    }

    @Override
    public OrderRecoveryResult recover() {
        Instant at = clock.instant();
        List<Order> open;
        Option<Instant> lastReconciliation;
        try {
            open = orders.findByStatuses(INTERMEDIATE);
            lastReconciliation = state.lastReconciliation();
        } catch (StoreUnavailableException unavailable) {
            return new OrderRecoveryResult(at, false, 0, 0, 0, 0, 0, FillCounts.NONE, Option.none(),
                    List.of("orders not read, database unavailable: " + unavailable.getMessage()));
        }
        Instant windowStart = windowStart(open, lastReconciliation, at);
        Tally tally = new Tally();
        long mark = booked.mark();
        try {
            readAndBook(windowStart, tally);
            List<OrderId> awaiting = List.empty();
            for (Order order : open) {
                if (settle(order.orderId(), tally, at)) {
                    awaiting = awaiting.append(order.orderId());
                }
            }
            for (int read = 2; read <= settings.fillReads() && !awaiting.isEmpty() && pause(); read++) {
                // The broker reports fills we have not booked: its feed may publish them any moment, and fills may be
                // landing through other paths. Wait a little, read again, settle again: until quiet.
                readAndBook(windowStart, tally);
                List<OrderId> still = List.empty();
                for (OrderId id : awaiting) {
                    if (settle(id, tally, at)) {
                        still = still.append(id);
                    }
                }
                awaiting = still;
            }
            for (OrderId id : awaiting) {
                tally.retry++;
                tally.failures = tally.failures.append("order " + id + " awaits fills the broker reports and has "
                        + "not published yet (still so after " + settings.fillReads() + " reads); the sync reads "
                        + "them when it does");
            }
        } catch (StoreUnavailableException unavailable) {
            tally.failures = tally.failures.append("orders not all settled, database unavailable: "
                    + unavailable.getMessage());
            tally.fills = tally.fills.plus(new FillCounts(0, 0, 0, 0, 1));
        }
        tally.fills = countedForThisProcess(tally, mark);
        int settled = tally.advanced + tally.unchanged + tally.escalated;
        if (settled + tally.retry < open.size()) {
            tally.retry = open.size() - settled;
        }
        return new OrderRecoveryResult(windowStart, tally.fillsRead, open.size(), tally.advanced, tally.unchanged,
                tally.retry, tally.escalated, tally.fills, tally.newestFill, tally.failures);
    }

    /**
     * The fill counts of the window as this process sees them: applied are the fills recovery booked and those this
     * process booked otherwise while recovery ran (pushed, synced); already recorded the rest of those recorded;
     * unmatched, refused and unsettled as the last read left them.
     */
    private FillCounts countedForThisProcess(Tally tally, long mark) {
        if (!tally.fillsRead && tally.recorded.isEmpty()) {
            return tally.fills;
        }
        Set<TradeId> applied = tally.applied.addAll(tally.recorded.filter(id -> booked.bookedAfter(mark, id)));
        return new FillCounts(applied.size(), tally.recorded.removeAll(applied).size(), tally.fills.unmatched(),
                tally.fills.refused(), tally.fills.unsettled());
    }

    /** Waits before the next read; false when interrupted (the core is stopping: no more reads). */
    private boolean pause() {
        long millis = settings.fillReadPause().toMillis();
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Instant windowStart(List<Order> open, Option<Instant> lastReconciliation, Instant now) {
        Option<Instant> earliest = open.map(Order::submittedAt).appendAll(lastReconciliation).minBy(t -> t);
        return earliest.getOrElse(now).minus(settings.fillWindowMargin());
    }

    /** Reads every fill since {@code windowStart} and books those not yet booked, in execution order. */
    private void readAndBook(Instant windowStart, Tally tally) {
        Either<BrokerFailure, Listing<BrokerFill>> read = broker.fillsSince(windowStart);
        if (read.isLeft()) {
            tally.fillsRead = false;
            tally.failures = tally.failures.append("fills since " + windowStart + " not read: "
                    + read.getLeft().message());
            return;
        }
        FillSweep.Swept swept = sweep.apply(read.get());
        FillCounts counts = swept.counts();
        // A read after the first sees the first's fills again: only what it books is new; what it could not settle
        // replaces the earlier count.
        tally.fills = !tally.fillsRead ? counts : new FillCounts(tally.fills.applied() + counts.applied(),
                tally.fills.alreadyRecorded(), counts.unmatched(), counts.refused(), counts.unsettled());
        tally.recorded = tally.recorded.addAll(swept.applied()).addAll(swept.alreadyRecorded());
        tally.applied = tally.applied.addAll(swept.applied());
        tally.fillsRead = true;
        if (tally.failures.isEmpty() || counts.unsettled() > 0) {
            tally.failures = tally.failures.appendAll(swept.failures());
        }
        Option<Instant> newest = read.get().items().map(BrokerFill::executedAt).maxBy(t -> t);
        tally.newestFill = tally.newestFill.toList().appendAll(newest).maxBy(t -> t);
    }

    /**
     * Settles one order's status with the broker.
     *
     * @return whether it awaits fills the broker reports and we have not booked
     */
    private boolean settle(OrderId id, Tally tally, Instant at) {
        Option<Order> stored = orders.findById(id);
        if (stored.isEmpty() || !stored.get().isOpen()) {
            tally.unchanged++;
            return false;
        }
        Order order = stored.get();
        Either<BrokerFailure, BrokerOrder> answer = order.brokerOrderId().isDefined()
                ? broker.orderById(order.brokerOrderId().get())
                : broker.orderByClientOrderId(order.clientOrderId());
        RecoveryDecision decision = OrderRecovery.decide(order, answer, at, settings.submitInFlight());
        String brokerStatus = answer.fold(BrokerFailure::message, BrokerOrder::rawStatus);
        Option<Rejection> refusedChange = Option.none();
        if (RecoveredOrderChange.changesStatus(decision)) {
            Either<Rejection, Order> changed = journal.change(order.orderId(),
                    RecoveredOrderChange.of(decision, brokerStatus, at));
            refusedChange = changed.swap().toOption();
        }
        if (refusedChange.exists(r -> r.code().equals(RecoveredOrderChange.MOVED_ON))) {
            // A fill landed between our read and the broker's answer: ask again after the next read, as one
            // awaiting fills. Escalating this sent people after fills the process had just booked.
            return true;
        }
        switch (decision.outcome()) {
            case RETRY_LATER -> {
                tally.retry++;
                tally.failures = tally.failures.append("order " + order.orderId() + " left "
                        + order.status().code() + ": " + decision.reason());
                return false;
            }
            case AWAITING_FILLS -> {
                return refusedChange.isEmpty();
            }
            case UNCHANGED -> tally.unchanged++;
            case ADVANCED -> {
                if (refusedChange.isEmpty()) {
                    tally.advanced++;
                } else {
                    tally.escalated++;
                    escalate(order, decision, answer, refusedChange, at);
                }
            }
            case ESCALATE -> {
                tally.escalated++;
                escalate(order, decision, answer, refusedChange, at);
            }
        }
        return false;
    }

    /**
     * A person must look: an audit line beside the order's, then an alert (which says so when the audit line could
     * not be written: the database went away).
     */
    private void escalate(Order order, RecoveryDecision decision, Either<BrokerFailure, BrokerOrder> answer,
            Option<Rejection> refusedChange, Instant at) {
        String message = "order " + order.orderId() + " (" + order.side().code() + " " + order.quantity() + " "
                + order.symbol() + ", " + order.status().code() + "): " + decision.reason()
                + refusedChange.map(r -> "; its status could not be changed: " + r.message()).getOrElse("");
        String brokerId = answer.map(r -> r.brokerOrderId().value())
                .getOrElse(order.brokerOrderId().map(BrokerOrderId::value).getOrElse(""));
        String brokerStatus = answer.fold(BrokerFailure::message, BrokerOrder::rawStatus);
        StoreUnavailableException notAudited = null;
        try {
            journal.change(order.orderId(), stored -> Either.right(OrderJournal.Changed.to(stored, AuditEvent.of(at,
                    RecoveredOrderChange.COMPONENT, "order_recovery_escalated", AuditSeverity.ERROR, AuditEvent.details(
                            "order_id", stored.orderId().value(),
                            "symbol", stored.symbol().value(),
                            "status", stored.status().code(),
                            "broker_order_id", brokerId,
                            "broker_status", brokerStatus,
                            "reason", message)))));
        } catch (StoreUnavailableException unavailable) {
            notAudited = unavailable;
        }
        String alerted = notAudited == null ? message
                : message + " (its audit line could not be written: " + notAudited.getMessage() + ")";
        alerts.send(new Alert(AlertSeverity.HIGH, "Order recovery needs a person", alerted, at, LinkedHashMap.of(
                "order_id", order.orderId().value(),
                "symbol", order.symbol().value(),
                "status", decision.after().status().code(),
                "broker_order_id", brokerId,
                "broker_status", brokerStatus)));
        if (notAudited != null) {
            throw notAudited;
        }
    }
}
