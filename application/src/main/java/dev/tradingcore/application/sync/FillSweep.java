package dev.tradingcore.application.sync;

import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.order.Reopening;
import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.port.in.FillCounts;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.port.UnreadableItem;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import dev.tradingcore.domain.trade.TradeRepository;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;

/**
 * Books a batch of the broker's fills, each exactly once, through {@link ApplyFill}: what start-up recovery,
 * reconciliation and the continuous sync do with {@code fillsSince}.
 *
 * <p>Fills are booked in execution order (time, then trade id) across all orders, all of a sweep in one call
 * ({@link ApplyFill#applyAll}), which the journal books as one batch (one transaction, one commit) where it can; each
 * fill is still answered as one. The journal replays a symbol when a fill comes after a later one, but a batch in order
 * never makes it. When a fill cannot be booked for want
 * of an answer (the database, or the broker asked whose order it is), the later fills of its symbol in the batch wait
 * with it, so that they are not booked before it.
 *
 * <p>A fill names the broker's order id. It is matched to our order by that id; failing that (the broker's answer to
 * our submit was lost, so we never recorded its id), the broker is asked for the order and it is matched by the
 * client order id we gave it, and the broker's id is then recorded on our order. Fills that match none of our orders
 * are money moving at the broker outside our books: counted, never dropped silently, and alerted as one incident
 * (with a count and examples, not one alert per fill) until position reconciliation corrects the positions.
 *
 * <p>Failures are per fill: an item the broker's answer could not be read, a fill the domain refuses, or an unexpected
 * exception while booking one fill is alerted (once per fill) and the batch goes on; nothing stops the fills behind it.
 *
 * <p>Replays are free but not costless: fills already known are recognised from memory (trade ids recorded in this
 * process) or from the order's stored trades (one read per order and batch) before any write is attempted.
 *
 * <p>Thread-safe (one batch at a time).
 */
public final class FillSweep {

    /**
     * The incident of fills of orders that are not ours: raised by the first batch that finds some, counted by the
     * later ones, resolved by the reconciliation that sets the positions to the broker's.
     */
    public static final String FOREIGN_FILLS = "foreign-fills";
    /** The incidents of executions the broker lists and we cannot read, by activity: resolved once all read again. */
    static final String UNREADABLE = "unreadable-fill/";

    /** How many broker order ids and trade ids are remembered; older ones are looked up again if seen again. */
    private static final int MEMORY = 100_000;
    private static final int EXAMPLES = 5;
    private static final Comparator<BrokerFill> EXECUTION_ORDER = Comparator.comparing(BrokerFill::executedAt)
            .thenComparing(fill -> fill.tradeId().value());

    private final OrderRepository orders;
    private final TradeRepository trades;
    private final OrderJournal journal;
    private final BrokerGateway broker;
    private final ApplyFill applyFill;
    private final Incidents incidents;
    private final Clock clock;

    private final java.util.Map<BrokerOrderId, OrderId> ours = bounded();
    private final java.util.Map<BrokerOrderId, Boolean> foreign = bounded();
    private final java.util.Map<TradeId, Boolean> recorded = bounded();
    private final java.util.Map<TradeId, Boolean> refused = bounded();

    public FillSweep(OrderRepository orders, TradeRepository trades, OrderJournal journal, BrokerGateway broker,
            ApplyFill applyFill, Incidents incidents, Clock clock) {
        this.orders = orders;
        this.trades = trades;
        this.journal = journal;
        this.broker = broker;
        this.applyFill = applyFill;
        this.incidents = incidents;
        this.clock = clock;
    }

    /**
     * What became of a batch.
     *
     * @param unsettled the fills not booked for want of an answer, to be read again
     * @param unreadable the items of the broker's answer that could not be read, to be read again
     * @param symbolsApplied the symbols whose positions moved because of fills recorded now
     * @param failures why some fills are unsettled, one sentence each
     * @param credentialsRefused whether the broker refused our credentials when asked whose order a fill was
     * @param applied the trade ids this batch recorded now
     * @param alreadyRecorded the trade ids this batch found recorded before (by anyone, a fill pushed meanwhile too)
     */
    public record Swept(FillCounts counts, List<BrokerFill> unsettled, List<UnreadableItem> unreadable,
            Set<Symbol> symbolsApplied, List<String> failures, boolean credentialsRefused, Set<TradeId> applied,
            Set<TradeId> alreadyRecorded) {

        /**
         * The earliest execution a watermark must not pass: of an unsettled fill, or of an unreadable item; the
         * epoch when an unreadable item's time is unknown (the watermark stays where it is).
         */
        public Option<Instant> holdAt() {
            return unsettled.map(BrokerFill::executedAt)
                    .appendAll(unreadable.map(item -> item.at().getOrElse(Instant.EPOCH))).minBy(t -> t);
        }
    }

    /** Books every fill of a plain list (tests, tools). */
    public Swept apply(List<BrokerFill> fills) {
        return apply(Listing.of(fills));
    }

    /** Books every fill of the batch not yet booked, in execution order; duplicates within the batch count once. */
    public synchronized Swept apply(Listing<BrokerFill> listing) {
        Batch batch = new Batch();
        for (UnreadableItem item : listing.unreadable()) {
            batch.unreadable(item);
        }
        for (BrokerFill fill : listing.items().distinctBy(BrokerFill::tradeId).sorted(EXECUTION_ORDER)) {
            if (batch.databaseDown) {
                batch.unsettle(fill, null);
            } else if (batch.blocked.contains(fill.symbol())) {
                batch.unsettle(fill, null);
            } else {
                sweepOne(fill, batch);
            }
        }
        bookTogether(batch);
        alertForeign(batch);
        if (listing.unreadable().isEmpty()) {
            for (String key : incidents.openWithPrefix(UNREADABLE)) {
                incidents.resolve(key, "every execution the broker lists can be read again");
            }
        }
        return new Swept(batch.counts, batch.unsettled, batch.unreadable, batch.symbols, batch.failures,
                batch.credentialsRefused, batch.appliedIds, batch.alreadyRecordedIds);
    }

    private void sweepOne(BrokerFill fill, Batch batch) {
        if (recorded.containsKey(fill.tradeId())) {
            batch.already(fill);
            return;
        }
        try {
            Resolution resolution = resolve(fill, batch);
            switch (resolution) {
                case Resolution.Unsettled unsettled -> batch.unsettle(fill, unsettled.why());
                case Resolution.Foreign notOurs -> {
                    batch.count(new FillCounts(0, 0, 1, 0, 0));
                    batch.foreignFills = batch.foreignFills.append(fill);
                }
                case Resolution.Ours order -> record(order.orderId(), fill, batch);
            }
        } catch (StoreUnavailableException unavailable) {
            batch.databaseDown = true;
            batch.unsettle(fill, "database unavailable: " + unavailable.getMessage());
        } catch (RuntimeException unexpected) {
            failed(fill, unexpected, batch);
        }
    }

    /** One fill that broke something must not stop every fill behind it, round after round. */
    private void failed(BrokerFill fill, RuntimeException unexpected, Batch batch) {
        refused.put(fill.tradeId(), Boolean.TRUE);
        batch.count(new FillCounts(0, 0, 0, 1, 0));
        incidents.raise("fill-failed/" + fill.tradeId().value(), AlertSeverity.CRITICAL, "Fill could not be booked",
                "booking trade " + fill.tradeId() + " (" + fill.side().code() + " " + fill.quantity() + " "
                        + fill.symbol() + " @ " + fill.price() + ", broker order " + fill.brokerOrderId()
                        + ") failed: " + unexpected + "; the fills behind it were booked; its order stays short "
                        + "of the broker's and its symbol is left out of reconciliation until a person looks",
                context(fill));
    }

    /** A fill of ours to book, with its order's stored trades (updated when it is booked). */
    private record ToBook(OrderId orderId, BrokerFill fill, java.util.Map<TradeId, Trade> stored) {
    }

    /**
     * Books every fill the sweep found to book in one call, so that the journal takes them into one batch (one
     * transaction, one commit), then reads each answer as one fill's.
     */
    private void bookTogether(Batch batch) {
        if (batch.toBook.isEmpty()) {
            return;
        }
        java.util.List<ToBook> toBook = batch.toBook;
        batch.toBook = new java.util.ArrayList<>();
        java.util.List<io.vavr.control.Try<FillOutcome>> outcomes;
        try {
            outcomes = applyFill.applyAll(toBook.stream().map(b -> b.fill().toTrade(b.orderId())).toList());
        } catch (RuntimeException unexpected) {
            // Not one fill's failure: the whole call failed (nothing says which fills were booked); each waits for
            // the next round, where replays are free.
            for (ToBook b : toBook) {
                batch.unsettle(b.fill(), "fills not booked: " + unexpected);
            }
            return;
        }
        for (int i = 0; i < toBook.size(); i++) {
            ToBook b = toBook.get(i);
            io.vavr.control.Try<FillOutcome> outcome = outcomes.get(i);
            if (outcome.isFailure()) {
                if (outcome.getCause() instanceof StoreUnavailableException unavailable) {
                    batch.databaseDown = true;
                    batch.unsettle(b.fill(), "database unavailable: " + unavailable.getMessage());
                } else if (outcome.getCause() instanceof RuntimeException unexpected) {
                    failed(b.fill(), unexpected, batch);
                } else {
                    failed(b.fill(), new IllegalStateException(outcome.getCause()), batch);
                }
            } else {
                answered(b, outcome.get(), batch);
            }
        }
    }

    private void record(OrderId orderId, BrokerFill fill, Batch batch) {
        java.util.Map<TradeId, Trade> stored = batch.storedTrades.computeIfAbsent(orderId, id -> {
            java.util.Map<TradeId, Trade> known = new java.util.HashMap<>();
            trades.findByOrderId(id).forEach(t -> known.put(t.tradeId(), t));
            return known;
        });
        Trade known = stored.get(fill.tradeId());
        if (known != null && sameExecution(known, fill)) {
            recorded.put(fill.tradeId(), Boolean.TRUE);
            batch.already(fill);
            return;
        }
        if (refused.containsKey(fill.tradeId())) {
            batch.count(new FillCounts(0, 0, 0, 1, 0));
            return;
        }
        batch.toBook.add(new ToBook(orderId, fill, stored));
    }

    private void answered(ToBook booked, FillOutcome outcome, Batch batch) {
        BrokerFill fill = booked.fill();
        java.util.Map<TradeId, Trade> stored = booked.stored();
        switch (outcome) {
            case FillOutcome.Applied applied -> {
                recorded.put(fill.tradeId(), Boolean.TRUE);
                stored.put(fill.tradeId(), applied.trade());
                batch.symbols = batch.symbols.add(fill.symbol());
                batch.appliedIds = batch.appliedIds.add(fill.tradeId());
                batch.count(new FillCounts(1, 0, 0, 0, 0));
            }
            case FillOutcome.AlreadyRecorded already -> {
                recorded.put(fill.tradeId(), Boolean.TRUE);
                batch.already(fill);
            }
            case FillOutcome.Conflict conflict -> {
                refused.put(fill.tradeId(), Boolean.TRUE);
                batch.count(new FillCounts(0, 0, 0, 1, 0));
            }
            case FillOutcome.Refused refusal -> {
                refused.put(fill.tradeId(), Boolean.TRUE);
                batch.count(new FillCounts(0, 0, 0, 1, 0));
            }
            case FillOutcome.NotRecorded notRecorded -> {
                batch.databaseDown = true;
                batch.unsettle(fill, "fill " + fill.tradeId() + " not recorded: " + notRecorded.reason());
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

    private Resolution resolve(BrokerFill fill, Batch batch) {
        BrokerOrderId brokerOrderId = fill.brokerOrderId();
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
            batch.credentialsRefused |= asked.getLeft() instanceof BrokerFailure.Unauthorized;
            return new Resolution.Unsettled("fills of broker order " + brokerOrderId + " could not be matched: "
                    + asked.getLeft().message());
        }
        if (asked.isLeft()) {
            return foreign(brokerOrderId, batch, "the broker does not say whose order it is ("
                    + asked.getLeft().message() + ")");
        }
        BrokerOrder report = asked.get();
        Option<Order> byClientId = report.clientOrderId().flatMap(orders::findByClientOrderId);
        if (byClientId.isEmpty()) {
            return foreign(brokerOrderId, batch, report.clientOrderId()
                    .map(id -> "its client order id " + id + " is none of ours").getOrElse("it has no client order id"));
        }
        Order order = byClientId.get();
        Instant at = clock.instant();
        java.util.concurrent.atomic.AtomicReference<Order> before = new java.util.concurrent.atomic.AtomicReference<>();
        Either<Rejection, Order> acknowledged = journal.change(order.orderId(),
                stored -> stored.acknowledgedAs(brokerOrderId, at).peek(acked -> before.set(stored))
                        .map(acked -> acked == stored ? OrderJournal.Changed.unchanged(stored)
                                : OrderJournal.Changed.to(acked, acknowledgement(acked, report, stored, at))));
        if (acknowledged.isRight() && before.get() != null) {
            new Reopening(broker, journal, incidents.sink(), clock).after(before.get(), acknowledged.get());
        }
        if (acknowledged.isLeft()) {
            return foreign(brokerOrderId, batch, "our order " + order.orderId() + " with that client order id "
                    + "cannot take the broker's id: " + acknowledged.getLeft().message());
        }
        ours.put(brokerOrderId, order.orderId());
        return new Resolution.Ours(order.orderId());
    }

    private Resolution foreign(BrokerOrderId brokerOrderId, Batch batch, String why) {
        foreign.put(brokerOrderId, Boolean.TRUE);
        batch.foreignReasons.put(brokerOrderId, why);
        return new Resolution.Foreign();
    }

    /**
     * One alert for the fills of orders found not to be ours in this batch, with a count and examples: a start
     * against an account holding hundreds of others' fills is one incident, not hundreds.
     */
    private void alertForeign(Batch batch) {
        if (batch.foreignReasons.isEmpty()) {
            return;
        }
        List<BrokerFill> fills = batch.foreignFills.filter(f -> batch.foreignReasons.containsKey(f.brokerOrderId()));
        java.math.BigDecimal quantity = fills.map(f -> f.quantity().value()).fold(java.math.BigDecimal.ZERO,
                java.math.BigDecimal::add);
        String examples = List.ofAll(batch.foreignReasons.entrySet()).take(EXAMPLES)
                .map(e -> e.getKey() + " (" + e.getValue() + ")").mkString("; ");
        incidents.raise(FOREIGN_FILLS, AlertSeverity.HIGH, "Broker fills of orders that are not ours",
                "the broker reports " + fills.size() + " fill(s) of " + batch.foreignReasons.size()
                        + " order(s) that match none of ours (" + fills.map(BrokerFill::symbol).distinct()
                        .mkString(", ") + "), e.g. " + examples + "; position reconciliation will set the positions "
                        + "to the broker's",
                LinkedHashMap.of("orders", Integer.toString(batch.foreignReasons.size()), "fills",
                        Integer.toString(fills.size()), "quantity", quantity.stripTrailingZeros().toPlainString(),
                        "symbols", fills.map(f -> f.symbol().value()).distinct().mkString(","),
                        "broker_order_ids", List.ofAll(batch.foreignReasons.keySet()).take(EXAMPLES)
                                .map(BrokerOrderId::value).mkString(",")));
    }

    private static io.vavr.collection.Map<String, String> context(BrokerFill fill) {
        return LinkedHashMap.of("trade_id", fill.tradeId().value(), "broker_order_id", fill.brokerOrderId().value(),
                "symbol", fill.symbol().value());
    }

    private static AuditEvent acknowledgement(Order after, BrokerOrder report, Order before, Instant at) {
        boolean reopened = after.wasReopenedFrom(before);
        return AuditEvent.of(at, "execution", reopened ? "order_reopened" : "order_acknowledged_by_fill",
                reopened ? AuditSeverity.WARNING : AuditSeverity.INFO, AuditEvent.details(
                "order_id", after.orderId().value(),
                "client_order_id", after.clientOrderId().value(),
                "symbol", after.symbol().value(),
                "broker_order_id", report.brokerOrderId().value(),
                "broker_status", report.rawStatus(),
                "previous_status", before.status().code(),
                "status", after.status().code()));
    }

    private final class Batch {
        FillCounts counts = FillCounts.NONE;
        List<BrokerFill> unsettled = List.empty();
        List<UnreadableItem> unreadable = List.empty();
        Set<Symbol> symbols = HashSet.empty();
        java.util.Set<Symbol> blocked = new java.util.HashSet<>();
        List<String> failures = List.empty();
        boolean databaseDown;
        boolean credentialsRefused;
        List<BrokerFill> foreignFills = List.empty();
        java.util.Map<BrokerOrderId, String> foreignReasons = new java.util.LinkedHashMap<>();
        java.util.Map<OrderId, java.util.Map<TradeId, Trade>> storedTrades = new java.util.HashMap<>();
        Set<TradeId> appliedIds = HashSet.empty();
        Set<TradeId> alreadyRecordedIds = HashSet.empty();

        void count(FillCounts more) {
            counts = counts.plus(more);
        }

        void already(BrokerFill fill) {
            alreadyRecordedIds = alreadyRecordedIds.add(fill.tradeId());
            count(new FillCounts(0, 1, 0, 0, 0));
        }

        /** Not booked now: read again. The later fills of its symbol in this batch wait with it. */
        /** Fills of ours found to book, booked together at the end of the sweep. */
        java.util.List<ToBook> toBook = new java.util.ArrayList<>();

        void unsettle(BrokerFill fill, String why) {
            unsettled = unsettled.append(fill);
            blocked.add(fill.symbol());
            count(new FillCounts(0, 0, 0, 0, 1));
            if (why != null) {
                failures = failures.append(why);
            }
        }

        void unreadable(UnreadableItem item) {
            unreadable = unreadable.append(item);
            count(new FillCounts(0, 0, 0, 0, 1));
            failures = failures.append("an execution the broker listed could not be read: " + item.reason());
            incidents.raise(UNREADABLE + (item.reference().isEmpty() ? item.reason() : item.reference()),
                    AlertSeverity.HIGH, "Broker execution unreadable", "the broker listed an execution "
                            + (item.reference().isEmpty() ? "" : item.reference() + " ") + item.at().map(t -> "of " + t
                            + " ").getOrElse("") + "that cannot be read (" + item.reason() + "); it is read again "
                            + "every round and booked once readable; the sync's watermark waits for it",
                    LinkedHashMap.of("reference", item.reference()));
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
