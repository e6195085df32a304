package dev.tradingcore.application.sync;

import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.port.in.FillCounts;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
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
import java.util.Collections;

/**
 * Records a batch of the broker's fills, each exactly once, through {@link ApplyFill}: what both start-up recovery
 * and the continuous sync do with {@code fillsSince}.
 *
 * <p>A fill names the broker's order id. It is matched to our order by that id; failing that (the broker's answer to
 * our submit was lost, so we never recorded its id), the broker is asked for the order and it is matched by the
 * client order id we gave it, and the broker's id is then recorded on our order. A fill that matches none of our
 * orders is money moving at the broker outside our books: it is raised as an alert (once per broker order) and
 * counted, never dropped silently; position reconciliation then corrects the position.
 *
 * <p>Replays are free but not costless: fills already known are recognised from memory (trade ids recorded in this
 * process) or from the order's stored trades (one read per order) before any write is attempted.
 *
 * <p>Thread-safe (one batch at a time).
 */
public final class FillSweep {

    /** How many broker order ids and trade ids are remembered; older ones are looked up again if seen again. */
    private static final int MEMORY = 100_000;

    private final OrderRepository orders;
    private final TradeRepository trades;
    private final OrderJournal journal;
    private final BrokerGateway broker;
    private final ApplyFill applyFill;
    private final AlertSink alerts;
    private final Clock clock;

    private final java.util.Map<BrokerOrderId, OrderId> ours = bounded();
    private final java.util.Map<BrokerOrderId, Boolean> foreign = bounded();
    private final java.util.Map<TradeId, Boolean> recorded = bounded();
    private final java.util.Map<TradeId, Boolean> refused = bounded();

    public FillSweep(OrderRepository orders, TradeRepository trades, OrderJournal journal, BrokerGateway broker,
            ApplyFill applyFill, AlertSink alerts, Clock clock) {
        this.orders = orders;
        this.trades = trades;
        this.journal = journal;
        this.broker = broker;
        this.applyFill = applyFill;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * What became of a batch.
     *
     * @param unsettled the fills not recorded for want of an answer, to be read again
     * @param symbolsApplied the symbols whose positions moved because of fills recorded now
     * @param failures why some fills are unsettled, one sentence each
     */
    public record Swept(FillCounts counts, List<BrokerFill> unsettled, Set<Symbol> symbolsApplied,
            List<String> failures) {

        /** The earliest execution among the unsettled fills: a watermark must not pass it. */
        public Option<Instant> earliestUnsettled() {
            return unsettled.map(BrokerFill::executedAt).minBy(t -> t);
        }
    }

    /** Records every fill of the batch not yet recorded; duplicates within the batch count once. */
    public synchronized Swept apply(List<BrokerFill> fills) {
        Batch batch = new Batch();
        List<BrokerFill> distinct = fills.distinctBy(BrokerFill::tradeId).sortBy(BrokerFill::executedAt);
        Map<BrokerOrderId, List<BrokerFill>> byOrder = distinct.groupBy(BrokerFill::brokerOrderId);
        for (BrokerOrderId brokerOrderId : distinct.map(BrokerFill::brokerOrderId).distinct()) {
            List<BrokerFill> group = byOrder.get(brokerOrderId).get();
            if (batch.databaseDown) {
                batch.unsettle(group, null);
                continue;
            }
            try {
                sweepOrder(brokerOrderId, group, batch);
            } catch (StoreUnavailableException unavailable) {
                batch.databaseDown = true;
                batch.unsettle(group, "database unavailable: " + unavailable.getMessage());
            }
        }
        return new Swept(batch.counts, batch.unsettled, batch.symbols, batch.failures);
    }

    private void sweepOrder(BrokerOrderId brokerOrderId, List<BrokerFill> fills, Batch batch) {
        List<BrokerFill> fresh = fills.filter(f -> !recorded.containsKey(f.tradeId()));
        batch.counts = batch.counts.plus(new FillCounts(0, fills.size() - fresh.size(), 0, 0, 0));
        if (fresh.isEmpty()) {
            return;
        }
        Resolution resolution = resolve(brokerOrderId, fresh);
        switch (resolution) {
            case Resolution.Unsettled unsettled -> batch.unsettle(fresh, unsettled.why());
            case Resolution.Foreign notOurs -> batch.counts = batch.counts.plus(
                    new FillCounts(0, 0, fresh.size(), 0, 0));
            case Resolution.Ours order -> record(order.orderId(), fresh, batch);
        }
    }

    private void record(OrderId orderId, List<BrokerFill> fills, Batch batch) {
        java.util.Map<TradeId, Trade> stored = new java.util.HashMap<>();
        trades.findByOrderId(orderId).forEach(t -> stored.put(t.tradeId(), t));
        for (BrokerFill fill : fills) {
            if (batch.databaseDown) {
                batch.unsettle(List.of(fill), null);
                continue;
            }
            Trade known = stored.get(fill.tradeId());
            if (known != null && sameExecution(known, fill)) {
                recorded.put(fill.tradeId(), Boolean.TRUE);
                batch.counts = batch.counts.plus(new FillCounts(0, 1, 0, 0, 0));
                continue;
            }
            if (refused.containsKey(fill.tradeId())) {
                batch.counts = batch.counts.plus(new FillCounts(0, 0, 0, 1, 0));
                continue;
            }
            FillOutcome outcome = applyFill.apply(fill.toTrade(orderId));
            switch (outcome) {
                case FillOutcome.Applied applied -> {
                    recorded.put(fill.tradeId(), Boolean.TRUE);
                    batch.symbols = batch.symbols.add(fill.symbol());
                    batch.counts = batch.counts.plus(new FillCounts(1, 0, 0, 0, 0));
                }
                case FillOutcome.AlreadyRecorded already -> {
                    recorded.put(fill.tradeId(), Boolean.TRUE);
                    batch.counts = batch.counts.plus(new FillCounts(0, 1, 0, 0, 0));
                }
                case FillOutcome.Conflict conflict -> {
                    refused.put(fill.tradeId(), Boolean.TRUE);
                    batch.counts = batch.counts.plus(new FillCounts(0, 0, 0, 1, 0));
                }
                case FillOutcome.Refused refusal -> {
                    refused.put(fill.tradeId(), Boolean.TRUE);
                    batch.counts = batch.counts.plus(new FillCounts(0, 0, 0, 1, 0));
                }
                case FillOutcome.NotRecorded notRecorded -> {
                    batch.databaseDown = true;
                    batch.unsettle(List.of(fill), "fill " + fill.tradeId() + " not recorded: " + notRecorded.reason());
                }
            }
        }
    }

    private static boolean sameExecution(Trade known, BrokerFill fill) {
        return known.quantity().compareTo(fill.quantity()) == 0 && known.price().compareTo(fill.price()) == 0
                && known.symbol().equals(fill.symbol()) && known.side() == fill.side();
    }

    private sealed interface Resolution {
        record Ours(OrderId orderId) implements Resolution {
        }

        record Foreign() implements Resolution {
        }

        record Unsettled(String why) implements Resolution {
        }
    }

    private Resolution resolve(BrokerOrderId brokerOrderId, List<BrokerFill> fills) {
        OrderId known = ours.get(brokerOrderId);
        if (known != null) {
            return new Resolution.Ours(known);
        }
        if (foreign.containsKey(brokerOrderId)) {
            return new Resolution.Foreign();
        }
        Option<Order> byBrokerId = orders.findByBrokerOrderId(brokerOrderId);
        if (byBrokerId.isDefined()) {
            ours.put(brokerOrderId, byBrokerId.get().orderId());
            return new Resolution.Ours(byBrokerId.get().orderId());
        }
        Either<BrokerFailure, BrokerOrder> asked = broker.orderById(brokerOrderId);
        if (asked.isLeft() && asked.getLeft().isTransient()) {
            return new Resolution.Unsettled("fills of broker order " + brokerOrderId + " could not be matched: "
                    + asked.getLeft().message());
        }
        if (asked.isLeft()) {
            return foreign(brokerOrderId, fills, "the broker does not say whose order it is ("
                    + asked.getLeft().message() + ")");
        }
        BrokerOrder report = asked.get();
        Option<Order> byClientId = report.clientOrderId().flatMap(orders::findByClientOrderId);
        if (byClientId.isEmpty()) {
            return foreign(brokerOrderId, fills, report.clientOrderId()
                    .map(id -> "its client order id " + id + " is none of ours").getOrElse("it has no client order id"));
        }
        Order order = byClientId.get();
        Instant at = clock.instant();
        Either<dev.tradingcore.domain.common.Rejection, Order> acknowledged = journal.change(order.orderId(),
                stored -> stored.acknowledgedAs(brokerOrderId, at).map(acked -> acked == stored
                        ? OrderJournal.Changed.unchanged(stored)
                        : OrderJournal.Changed.to(acked, acknowledgement(acked, report, stored, at))));
        if (acknowledged.isLeft()) {
            return foreign(brokerOrderId, fills, "our order " + order.orderId() + " with that client order id cannot "
                    + "take the broker's id: " + acknowledged.getLeft().message());
        }
        ours.put(brokerOrderId, order.orderId());
        return new Resolution.Ours(order.orderId());
    }

    private Resolution foreign(BrokerOrderId brokerOrderId, List<BrokerFill> fills, String why) {
        foreign.put(brokerOrderId, Boolean.TRUE);
        BrokerFill first = fills.head();
        alerts.send(new Alert(AlertSeverity.HIGH, "Broker fill of an order that is not ours",
                "the broker reports " + fills.size() + " fill(s) of its order " + brokerOrderId + " (" + first.side()
                        .code() + " " + first.symbol() + "), which matches none of our orders: " + why
                        + "; position reconciliation will set the position to the broker's",
                clock.instant(), LinkedHashMap.of("broker_order_id", brokerOrderId.value(), "symbol",
                        first.symbol().value(), "side", first.side().code(), "trade_ids",
                        fills.map(f -> f.tradeId().value()).mkString(","), "quantity",
                        fills.map(f -> f.quantity().value()).reduce(java.math.BigDecimal::add).toPlainString())));
        return new Resolution.Foreign();
    }

    private static AuditEvent acknowledgement(Order after, BrokerOrder report, Order before, Instant at) {
        return AuditEvent.of(at, "execution", "order_acknowledged_by_fill", AuditSeverity.INFO, AuditEvent.details(
                "order_id", after.orderId().value(),
                "client_order_id", after.clientOrderId().value(),
                "symbol", after.symbol().value(),
                "broker_order_id", report.brokerOrderId().value(),
                "broker_status", report.rawStatus(),
                "previous_status", before.status().code(),
                "status", after.status().code()));
    }

    private static final class Batch {
        FillCounts counts = FillCounts.NONE;
        List<BrokerFill> unsettled = List.empty();
        Set<Symbol> symbols = HashSet.empty();
        List<String> failures = List.empty();
        boolean databaseDown;

        void unsettle(List<BrokerFill> fills, String why) {
            unsettled = unsettled.appendAll(fills);
            counts = counts.plus(new FillCounts(0, 0, 0, 0, fills.size()));
            if (why != null) {
                failures = failures.append(why);
            }
        }
    }

    @SuppressWarnings("serial")
    private static <K, V> java.util.Map<K, V> bounded() {
        return Collections.synchronizedMap(new java.util.LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<K, V> eldest) {
                return size() > MEMORY;
            }
        });
    }
}
