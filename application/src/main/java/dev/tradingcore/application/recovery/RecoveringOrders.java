package dev.tradingcore.application.recovery;

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
 *       yet published (or a broker view that lags ours). Recovery reads the fills again, up to
 *       {@link RecoverySettings#fillReads()} times, then leaves such orders open for the sync, which keeps reading
 *       their fills: never an escalation for fills the same process is about to record.</li>
 * </ol>
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

    public RecoveringOrders(OrderRepository orders, OrderJournal journal, SystemStateRepository state,
            BrokerGateway broker, FillSweep sweep, AlertSink alerts, Clock clock, RecoverySettings settings) {
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
        try {
            readAndBook(windowStart, tally);
            List<OrderId> awaiting = List.empty();
            for (Order order : open) {
                if (settle(order.orderId(), tally, at)) {
                    awaiting = awaiting.append(order.orderId());
                }
            }
            for (int read = 2; read <= settings.fillReads() && !awaiting.isEmpty(); read++) {
                // The broker reports fills we have not seen: its feed may publish them any moment. Read again.
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
                        + "not published yet; the sync reads them when it does");
            }
        } catch (StoreUnavailableException unavailable) {
            tally.failures = tally.failures.append("orders not all settled, database unavailable: "
                    + unavailable.getMessage());
            tally.fills = tally.fills.plus(new FillCounts(0, 0, 0, 0, 1));
        }
        int settled = tally.advanced + tally.unchanged + tally.escalated;
        if (settled + tally.retry < open.size()) {
            tally.retry = open.size() - settled;
        }
        return new OrderRecoveryResult(windowStart, tally.fillsRead, open.size(), tally.advanced, tally.unchanged,
                tally.retry, tally.escalated, tally.fills, tally.newestFill, tally.failures);
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
                tally.fills.alreadyRecorded(), tally.fills.unmatched(), tally.fills.refused(), counts.unsettled());
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

    /** A person must look: an alert, and an audit line beside the order's. */
    private void escalate(Order order, RecoveryDecision decision, Either<BrokerFailure, BrokerOrder> answer,
            Option<Rejection> refusedChange, Instant at) {
        String message = "order " + order.orderId() + " (" + order.side().code() + " " + order.quantity() + " "
                + order.symbol() + ", " + order.status().code() + "): " + decision.reason()
                + refusedChange.map(r -> "; its status could not be changed: " + r.message()).getOrElse("");
        String brokerId = answer.map(r -> r.brokerOrderId().value())
                .getOrElse(order.brokerOrderId().map(BrokerOrderId::value).getOrElse(""));
        String brokerStatus = answer.fold(BrokerFailure::message, BrokerOrder::rawStatus);
        alerts.send(new Alert(AlertSeverity.HIGH, "Order recovery needs a person", message, at, LinkedHashMap.of(
                "order_id", order.orderId().value(),
                "symbol", order.symbol().value(),
                "status", decision.after().status().code(),
                "broker_order_id", brokerId,
                "broker_status", brokerStatus)));
        journal.change(order.orderId(), stored -> Either.right(OrderJournal.Changed.to(stored, AuditEvent.of(at,
                RecoveredOrderChange.COMPONENT, "order_recovery_escalated", AuditSeverity.ERROR, AuditEvent.details(
                        "order_id", stored.orderId().value(),
                        "symbol", stored.symbol().value(),
                        "status", stored.status().code(),
                        "broker_order_id", brokerId,
                        "broker_status", brokerStatus,
                        "reason", message)))));
    }
}
