package dev.tradingcore.application.recovery;

import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.port.in.FillCounts;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.port.in.OrderRecoveryResult;
import dev.tradingcore.application.port.in.RecoverOrders;
import dev.tradingcore.application.sync.FillSweep;
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
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.reconciliation.OrderRecovery;
import dev.tradingcore.domain.reconciliation.RecoveryDecision;
import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import dev.tradingcore.domain.trade.TradeRepository;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;

/**
 * Settles every order left in an intermediate state with the broker, and records the fills we missed.
 *
 * <ol>
 *   <li>The broker is asked once for every fill executed since the oldest intermediate order was placed (or since
 *       positions last matched the broker, if earlier: late fills of orders that finished meanwhile), less a margin.
 *   <li>Each intermediate order is looked up: by the broker's id when we recorded it, else by our client order id.
 *       The domain ({@link OrderRecovery#decide}) says what to do from the answer, the order's fills in the broker's
 *       list and the trade ids we have recorded. Its new trades go through {@link ApplyFill}, one by one (exactly
 *       once by trade id); then its status change goes through the order journal, computed on the stored order.
 *       A transient failure leaves the order as it is; a contradiction is applied as far as it is safe and alerted.
 *   <li>Every other fill of the window (late fills of finished orders, fills of orders whose lookup failed, fills of
 *       orders that are not ours) goes through the {@link FillSweep}: recorded once, or alerted.
 * </ol>
 */
public final class RecoveringOrders implements RecoverOrders {

    static final Set<OrderStatus> INTERMEDIATE = HashSet.of(OrderStatus.PENDING, OrderStatus.SUBMITTED,
            OrderStatus.PARTIAL_FILL, OrderStatus.UNKNOWN);

    private final OrderRepository orders;
    private final TradeRepository trades;
    private final OrderJournal journal;
    private final SystemStateRepository state;
    private final BrokerGateway broker;
    private final ApplyFill applyFill;
    private final FillSweep sweep;
    private final AlertSink alerts;
    private final Clock clock;
    private final RecoverySettings settings;

    public RecoveringOrders(OrderRepository orders, TradeRepository trades, OrderJournal journal,
            SystemStateRepository state, BrokerGateway broker, ApplyFill applyFill, FillSweep sweep, AlertSink alerts,
            Clock clock, RecoverySettings settings) {
        this.orders = orders;
        this.trades = trades;
        this.journal = journal;
        this.state = state;
        this.broker = broker;
        this.applyFill = applyFill;
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
        boolean databaseDown;
        Set<BrokerOrderId> settledOrders = HashSet.empty();

        void fills(int applied, int already, int refused, int unsettled) {
            fills = fills.plus(new FillCounts(applied, already, 0, refused, unsettled));
        }
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

        Either<BrokerFailure, List<BrokerFill>> read = broker.fillsSince(windowStart).flatMap(Listing::whole);
        List<BrokerFill> fills = read.getOrElse(List.empty());
        Tally tally = new Tally();
        if (read.isLeft()) {
            tally.failures = tally.failures.append("fills since " + windowStart + " not read: "
                    + read.getLeft().message());
        }
        Map<BrokerOrderId, List<BrokerFill>> byBrokerOrder = fills.groupBy(BrokerFill::brokerOrderId);

        for (Order order : open) {
            if (tally.databaseDown) {
                tally.retry++;
                continue;
            }
            try {
                recoverOne(order, read.isRight(), byBrokerOrder, tally, at);
            } catch (StoreUnavailableException unavailable) {
                tally.databaseDown = true;
                tally.retry++;
                tally.failures = tally.failures.append("order " + order.orderId() + " not settled, database "
                        + "unavailable: " + unavailable.getMessage());
            }
        }

        List<BrokerFill> others = fills.filter(f -> !tally.settledOrders.contains(f.brokerOrderId()));
        if (tally.databaseDown) {
            tally.fills = tally.fills.plus(new FillCounts(0, 0, 0, 0, others.size()));
        } else if (!others.isEmpty()) {
            FillSweep.Swept swept = sweep.apply(others);
            tally.fills = tally.fills.plus(swept.counts());
            tally.failures = tally.failures.appendAll(swept.failures());
        }
        return new OrderRecoveryResult(windowStart, read.isRight(), open.size(), tally.advanced, tally.unchanged,
                tally.retry, tally.escalated, tally.fills, fills.map(BrokerFill::executedAt).maxBy(t -> t),
                tally.failures);
    }

    private Instant windowStart(List<Order> open, Option<Instant> lastReconciliation, Instant now) {
        Option<Instant> earliest = open.map(Order::submittedAt).appendAll(lastReconciliation).minBy(t -> t);
        return earliest.getOrElse(now).minus(settings.fillWindowMargin());
    }

    private void recoverOne(Order order, boolean fillsRead, Map<BrokerOrderId, List<BrokerFill>> byBrokerOrder,
            Tally tally, Instant at) {
        Either<BrokerFailure, BrokerOrder> answer = order.brokerOrderId().isDefined()
                ? broker.orderById(order.brokerOrderId().get())
                : broker.orderByClientOrderId(order.clientOrderId());
        if (!fillsRead && answer.isRight()
                && answer.get().filledQuantity().compareTo(order.filledQuantity()) != 0) {
            tally.retry++;
            tally.failures = tally.failures.append("order " + order.orderId() + " not settled: the broker reports "
                    + answer.get().filledQuantity() + " filled, we know " + order.filledQuantity()
                    + ", and the fills could not be read");
            return;
        }
        List<BrokerFill> brokerFills = answer.map(report -> byBrokerOrder.get(report.brokerOrderId())
                .getOrElse(List.empty())).getOrElse(List.empty());
        Set<TradeId> recorded = trades.findByOrderId(order.orderId()).map(Trade::tradeId).toSet();
        RecoveryDecision decision = OrderRecovery.decide(order, answer, brokerFills, recorded, at);

        if (decision.outcome() == RecoveryDecision.Outcome.RETRY_LATER) {
            tally.retry++;
            tally.failures = tally.failures.append("order " + order.orderId() + " left " + order.status().code()
                    + ": " + decision.reason());
            return;
        }
        if (answer.isRight()) {
            tally.settledOrders = tally.settledOrders.add(answer.get().brokerOrderId());
            tally.fills(0, brokerFills.distinctBy(BrokerFill::tradeId).count(f -> recorded.contains(f.tradeId())),
                    0, 0);
        }
        if (decision.outcome() == RecoveryDecision.Outcome.UNCHANGED) {
            tally.unchanged++;
            return;
        }
        if (decision.outcome() == RecoveryDecision.Outcome.ESCALATE) {
            // Fills the decision did not take (it stopped at a contradiction): counted, alerted below, and left to
            // position reconciliation.
            Set<TradeId> taken = decision.newTrades().map(Trade::tradeId).toSet();
            tally.fills(0, 0, brokerFills.distinctBy(BrokerFill::tradeId)
                    .count(f -> !recorded.contains(f.tradeId()) && !taken.contains(f.tradeId())), 0);
        }
        boolean fillsRecorded = applyFills(decision, tally);
        if (tally.databaseDown) {
            tally.retry++;
            return;
        }
        Option<Rejection> refusedChange = Option.none();
        if (RecoveredOrderChange.changesStatus(decision)) {
            String brokerStatus = answer.fold(BrokerFailure::message, BrokerOrder::rawStatus);
            Either<Rejection, Order> changed = journal.change(order.orderId(),
                    RecoveredOrderChange.of(decision, brokerStatus, at));
            refusedChange = changed.swap().toOption();
        }
        if (decision.outcome() == RecoveryDecision.Outcome.ESCALATE || !fillsRecorded || refusedChange.isDefined()) {
            tally.escalated++;
            escalate(order, decision, answer, refusedChange, at);
        } else {
            tally.advanced++;
        }
    }

    /** Records the decision's new trades; false when one was refused (already alerted by the fill use case). */
    private boolean applyFills(RecoveryDecision decision, Tally tally) {
        boolean allRecorded = true;
        for (Trade trade : decision.newTrades()) {
            FillOutcome outcome = applyFill.apply(trade);
            switch (outcome) {
                case FillOutcome.Applied applied -> tally.fills(1, 0, 0, 0);
                case FillOutcome.AlreadyRecorded already -> tally.fills(0, 1, 0, 0);
                case FillOutcome.Conflict conflict -> {
                    tally.fills(0, 0, 1, 0);
                    allRecorded = false;
                }
                case FillOutcome.Refused refused -> {
                    tally.fills(0, 0, 1, 0);
                    allRecorded = false;
                }
                case FillOutcome.NotRecorded notRecorded -> {
                    tally.fills(0, 0, 0, decision.newTrades().size() - decision.newTrades().indexOf(trade));
                    tally.databaseDown = true;
                    tally.failures = tally.failures.append("fill " + trade.tradeId() + " of order "
                            + trade.orderId() + " not recorded: " + notRecorded.reason());
                    return false;
                }
            }
        }
        return allRecorded;
    }

    private void escalate(Order order, RecoveryDecision decision, Either<BrokerFailure, BrokerOrder> answer,
            Option<Rejection> refusedChange, Instant at) {
        String message = "order " + order.orderId() + " (" + order.side().code() + " " + order.quantity() + " "
                + order.symbol() + ", " + order.status().code() + "): " + decision.reason()
                + refusedChange.map(r -> "; its status could not be changed: " + r.message()).getOrElse("");
        alerts.send(new Alert(AlertSeverity.HIGH, "Order recovery needs a person", message, at, LinkedHashMap.of(
                "order_id", order.orderId().value(),
                "symbol", order.symbol().value(),
                "status", decision.after().status().code(),
                "broker_order_id", answer.map(r -> r.brokerOrderId().value())
                        .getOrElse(order.brokerOrderId().map(BrokerOrderId::value).getOrElse("")),
                "broker_status", answer.fold(BrokerFailure::message, BrokerOrder::rawStatus))));
    }
}
