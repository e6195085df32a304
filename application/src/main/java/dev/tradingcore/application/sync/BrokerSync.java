package dev.tradingcore.application.sync;

import dev.tradingcore.application.incident.Incidents;
import dev.tradingcore.application.order.Reopening;
import dev.tradingcore.application.order.UpdatingOrderStatus;
import dev.tradingcore.application.port.in.FillCounts;
import dev.tradingcore.application.port.in.SyncRound;
import dev.tradingcore.application.port.in.SyncWithBroker;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.DatabaseHealth;
import dev.tradingcore.domain.port.Listing;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The continuous broker sync: each round reads the fills executed since the watermark and books them exactly once,
 * in execution order ({@link FillSweep}), then brings the status of our open orders in line with the broker's
 * ({@link UpdatingOrderStatus}). Fills first: an order ends only when the fills that make its end are booked.
 *
 * <p>The watermark moves to the newest fill's execution time less the overlap, never backwards, and never past a fill
 * that could not be booked nor an item that could not be read: those are read again next round. The first watermark
 * is where start-up recovery stopped reading ({@code RecoveryReport.syncFrom()}).
 *
 * <p>A broker may publish an execution later than any overlap. Its order shows it (the broker's filled quantity is
 * more than we booked): such an order is short, and while it is, each round reads from the earliest short order's
 * placing, so that the fill is booked when it appears, however far the watermark has moved on.
 *
 * <p>Statuses: one {@code openOrders()} call per round; each of our open orders it lists is updated if it differs;
 * each it no longer lists is asked about by broker id (it finished: filled, cancelled, expired...). A pending order
 * with no broker id is asked about by client order id once older than the pending grace (a younger one may be in the
 * middle of its submit): if the broker has it, it is acknowledged; if not, the submit never reached the broker and it
 * is rejected, so that it holds no risk budget. An order that arrives after all is reopened by its acknowledgement.
 *
 * <p>A person is told once per incident, never once per round: fills missing for longer than a bound, failed rounds
 * in a row, refused credentials, a watermark held at one item for long, an order in a state we cannot apply. Each is
 * resolved when it clears. The sync never throws: a round that meets the unexpected says so in its failures.
 */
public final class BrokerSync implements SyncWithBroker {

    /** Incident keys. */
    static final String CREDENTIALS = "broker-credentials";
    static final String FAILING = "broker-sync-failing";
    static final String HELD = "broker-sync-watermark-held";
    static final String FILLS_MISSING = "fills-missing/";

    private final BrokerGateway broker;
    private final OrderRepository orders;
    private final OrderJournal journal;
    private final FillSweep sweep;
    private final UpdatingOrderStatus statuses;
    private final Incidents incidents;
    private final Clock clock;
    private final BrokerSyncSettings settings;
    /** Our orders whose broker filled quantity exceeds what we booked, with when that was first seen. */
    private final java.util.Map<OrderId, Short> shortOrders = new java.util.LinkedHashMap<>();
    private final Reopening reopening;
    /** Client order ids of broker orders found to be none of ours: not looked up again every round. */
    private final java.util.Set<String> notOurs = java.util.Collections.newSetFromMap(
            new java.util.LinkedHashMap<>(256, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            });
    private volatile DatabaseHealth database = DatabaseHealth.alwaysAvailable();
    private volatile Instant watermark;
    private int failedRounds;
    private Option<Instant> heldSince = Option.none();

    private record Short(Instant placedAt, Instant since) {
    }

    public BrokerSync(BrokerGateway broker, OrderRepository orders, OrderJournal journal, FillSweep sweep,
            UpdatingOrderStatus statuses, Incidents incidents, Clock clock, BrokerSyncSettings settings,
            Instant initialWatermark) {
        this.broker = broker;
        this.orders = orders;
        this.journal = journal;
        this.sweep = sweep;
        this.statuses = statuses;
        this.incidents = incidents;
        this.clock = clock;
        this.settings = settings;
        this.watermark = java.util.Objects.requireNonNull(initialWatermark, "initial watermark");
        this.reopening = new Reopening(broker, journal, incidents.sink(), clock);
    }

    /**
     * Tells the sync whether the database takes work. While it does not, rounds that cannot book are not counted
     * towards "Broker sync failing": the database's own incident ("Database unavailable") says so, once per outage,
     * and the fills wait at the broker until it is back. Returns this sync.
     */
    public BrokerSync whileDatabase(DatabaseHealth health) {
        this.database = java.util.Objects.requireNonNull(health, "health");
        return this;
    }

    /** When the last round that read the broker's fills without a failure ended; empty before the first. */
    public java.util.Optional<Instant> lastCleanRound() {
        return java.util.Optional.ofNullable(lastCleanRound);
    }

    private volatile Instant lastCleanRound;

    /** Fills executed from this instant on are read next round. */
    public Instant watermark() {
        return watermark;
    }

    @Override
    public synchronized SyncRound syncOnce() {
        Round round = new Round();
        try {
            readFills(round);
        } catch (RuntimeException unexpected) {
            round.fail("fills not read: " + unexpected);
        }
        try {
            refreshStatuses(round);
        } catch (StoreUnavailableException unavailable) {
            round.fail("statuses not refreshed, database unavailable: " + unavailable.getMessage());
        } catch (RuntimeException unexpected) {
            round.fail("statuses not refreshed: " + unexpected);
        }
        SyncRound result = new SyncRound(round.fills, round.changed, watermark, round.failures);
        if (round.failures.isEmpty()) {
            lastCleanRound = clock.instant();
        }
        alertOnRound(result, round);
        return result;
    }

    private static final class Round {
        FillCounts fills = FillCounts.NONE;
        int changed;
        List<String> failures = List.empty();
        boolean unauthorized;

        void fail(String why) {
            failures = failures.append(why);
        }

        void failed(BrokerFailure failure, String what) {
            unauthorized |= failure instanceof BrokerFailure.Unauthorized;
            fail(what + ": " + failure.message());
        }
    }

    private void readFills(Round round) {
        Instant from = shortOrders.values().stream().map(s -> s.placedAt().minus(settings.overlap()))
                .filter(t -> t.isBefore(watermark)).min(Instant::compareTo).orElse(watermark);
        Either<BrokerFailure, Listing<BrokerFill>> read = broker.fillsSince(from);
        if (read.isLeft()) {
            round.failed(read.getLeft(), "fills since " + from + " not read");
            return;
        }
        FillSweep.Swept swept = sweep.apply(read.get());
        round.unauthorized |= swept.credentialsRefused();
        round.fills = swept.counts();
        round.failures = round.failures.appendAll(swept.failures());
        Option<Instant> newest = read.get().items().map(BrokerFill::executedAt).maxBy(t -> t);
        Option<Instant> hold = swept.holdAt();
        watermark = advanced(watermark, newest, hold);
        Instant now = clock.instant();
        if (hold.isDefined()) {
            heldSince = heldSince.orElse(Option.some(now));
            if (!Duration.between(heldSince.get(), now).minus(settings.heldWatermarkAlert()).isNegative()) {
                incidents.raise(HELD, AlertSeverity.HIGH, "Broker sync held at one execution",
                        "for " + Duration.between(heldSince.get(), now).toSeconds() + " s the sync has not been able "
                                + "to book or read an execution of " + hold.get() + " (" + swept.failures()
                                .mkString("; ") + "); it reads it again every round; later fills are booked");
            }
        } else {
            heldSince = Option.none();
            incidents.resolve(HELD, "the sync books every execution it reads again");
        }
    }

    private Instant advanced(Instant current, Option<Instant> newest, Option<Instant> hold) {
        if (newest.isEmpty()) {
            return current;
        }
        Instant candidate = newest.get().minus(settings.overlap());
        if (hold.isDefined() && hold.get().isBefore(candidate)) {
            candidate = hold.get();
        }
        return candidate.isAfter(current) ? candidate : current;
    }

    private void refreshStatuses(Round round) {
        List<Order> open = orders.findByStatuses(HashSet.of(OrderStatus.PENDING, OrderStatus.SUBMITTED,
                OrderStatus.PARTIAL_FILL, OrderStatus.UNKNOWN));
        shortOrders.keySet().retainAll(open.map(Order::orderId).toJavaSet());
        // Listed even when we hold no open order: an order we closed here may work at the broker after all.
        Either<BrokerFailure, Listing<BrokerOrder>> working = broker.openOrders();
        if (working.isLeft()) {
            round.failed(working.getLeft(), "open orders not read");
            return;
        }
        List<BrokerOrder> listed = working.get().items();
        Map<BrokerOrderId, BrokerOrder> byBrokerId = LinkedHashMap.ofEntries(
                listed.map(o -> io.vavr.Tuple.of(o.brokerOrderId(), o)));
        Map<ClientOrderId, BrokerOrder> byClientId = LinkedHashMap.ofEntries(listed
                .filter(o -> o.clientOrderId().isDefined()).map(o -> io.vavr.Tuple.of(o.clientOrderId().get(), o)));
        Instant now = clock.instant();
        for (Order order : open) {
            Option<BrokerOrder> report = order.brokerOrderId().flatMap(byBrokerId::get)
                    .orElse(() -> byClientId.get(order.clientOrderId()));
            Either<BrokerFailure, BrokerOrder> answer;
            if (report.isDefined()) {
                answer = Either.right(report.get());
            } else if (order.brokerOrderId().isDefined()) {
                answer = broker.orderById(order.brokerOrderId().get());
            } else if (!order.submittedAt().plus(settings.pendingGrace()).isAfter(now)) {
                answer = broker.orderByClientOrderId(order.clientOrderId());
            } else {
                continue; // a young pending order: its submit may be under way
            }
            if (answer.isLeft()) {
                onFailure(order, answer.getLeft(), round, now);
                continue;
            }
            if (apply(order, answer.get(), now)) {
                round.changed++;
            }
        }
        java.util.Set<ClientOrderId> ours = open.map(Order::clientOrderId).toJavaSet();
        for (BrokerOrder atBroker : listed) {
            if (atBroker.clientOrderId().isDefined() && !ours.contains(atBroker.clientOrderId().get())
                    && !notOurs.contains(atBroker.clientOrderId().get().value())) {
                round.changed += reopenIfClosedHere(atBroker) ? 1 : 0;
            }
        }
    }

    /**
     * A broker order that is open, with one of our client order ids, that our books hold as closed without the
     * broker's id: we cancelled or rejected it because the broker did not have it yet, and its request landed after
     * all. It reopens (and the cancel asked for is sent), so that our books never call it closed while it works.
     */
    private boolean reopenIfClosedHere(BrokerOrder working) {
        Option<Order> stored = orders.findByClientOrderId(working.clientOrderId().get());
        if (stored.isEmpty()) {
            notOurs.add(working.clientOrderId().get().value());
            return false;
        }
        Order before = stored.get();
        if (before.isOpen() || before.brokerOrderId().isDefined()) {
            return false;
        }
        Either<Rejection, Order> after = statuses.apply(working);
        after.forEach(reopened -> reopening.after(before, reopened));
        return after.isRight();
    }

    private void onFailure(Order order, BrokerFailure failure, Round round, Instant now) {
        if (failure.isTransient()) {
            round.failed(failure, "order " + order.orderId() + " not refreshed");
            return;
        }
        if (order.brokerOrderId().isEmpty() && failure instanceof BrokerFailure.NotFound) {
            // Pending past the grace and unknown to the broker: the submit never reached it. Closed, so that it no
            // longer holds risk budget; if its request lands after all, the acknowledgement reopens it.
            Either<Rejection, Order> rejected = journal.change(order.orderId(), stored -> stored.status()
                    != OrderStatus.PENDING || stored.brokerOrderId().isDefined()
                    ? Either.right(OrderJournal.Changed.unchanged(stored))
                    : stored.rejected("never reached the broker: " + failure.message(), now).map(event ->
                            OrderJournal.Changed.to(event.order(), dev.tradingcore.domain.audit.AuditEvent.of(now,
                                    "execution", "order_rejected", AuditSeverity.WARNING,
                                    dev.tradingcore.domain.audit.AuditEvent.details("order_id",
                                            event.order().orderId().value(), "client_order_id",
                                            event.order().clientOrderId().value(), "symbol",
                                            event.order().symbol().value(), "status", event.order().status().code(),
                                            "reason", "pending since " + stored.submittedAt() + " and unknown to the "
                                                    + "broker: the submit never reached it")))));
            if (rejected.isRight() && rejected.get().status() == OrderStatus.REJECTED) {
                round.changed++;
            }
            return;
        }
        incidents.raise("order/" + order.orderId() + "/lookup", AlertSeverity.HIGH,
                "Broker cannot account for an open order", "order " + order.orderId() + " ("
                        + order.status().code() + ", broker id " + order.brokerOrderId().map(BrokerOrderId::value)
                        .getOrElse("none") + "): " + failure.message() + "; start-up recovery or a person must settle it",
                context(order));
    }

    /** Applies a report that differs from our record; true when something was written. */
    private boolean apply(Order order, BrokerOrder report, Instant now) {
        trackShortfall(order, report, now);
        boolean differs = order.brokerOrderId().isEmpty() || report.status() != order.status();
        boolean brokerBehind = report.status() == OrderStatus.SUBMITTED && order.status() == OrderStatus.PARTIAL_FILL;
        if (!differs || brokerBehind) {
            // Behind: we recorded a fill the broker's order view does not show yet; it will.
            return false;
        }
        Either<Rejection, Order> result = statuses.apply(report);
        if (result.isLeft()) {
            if (!UpdatingOrderStatus.FILLS_MISSING.equals(result.getLeft().code())) {
                incidents.raise("order/" + order.orderId() + "/refused-" + report.rawStatus(), AlertSeverity.HIGH,
                        "Broker order status cannot be applied", "the broker reports order " + order.orderId()
                                + " as '" + report.rawStatus() + "', which cannot be recorded: "
                                + result.getLeft().message(), context(order));
            }
            return false;
        }
        Order after = result.get();
        if (after.status() == OrderStatus.UNKNOWN && order.status() != OrderStatus.UNKNOWN) {
            incidents.raise("order/" + order.orderId() + "/unknown", AlertSeverity.HIGH, "Order in an unknown state",
                    "the broker reports order " + order.orderId() + " as '" + report.rawStatus() + "', which has no "
                            + "meaning here; the order is recorded unknown until the broker reports a state we know, "
                            + "or a person resolves it", context(order));
        } else if (order.status() == OrderStatus.UNKNOWN && after.status() != OrderStatus.UNKNOWN) {
            incidents.resolve("order/" + order.orderId() + "/unknown", "the broker now reports order "
                    + order.orderId() + " as " + report.rawStatus());
        }
        return !after.equals(order);
    }

    /** An order whose broker filled quantity exceeds ours awaits fills; told once it has waited long. */
    private void trackShortfall(Order order, BrokerOrder report, Instant now) {
        String key = FILLS_MISSING + order.orderId();
        if (report.filledQuantity().compareTo(order.filledQuantity()) <= 0) {
            if (shortOrders.remove(order.orderId()) != null) {
                incidents.resolve(key, "the fills of order " + order.orderId() + " are booked");
            }
            return;
        }
        Short since = shortOrders.computeIfAbsent(order.orderId(), id -> new Short(order.submittedAt(), now));
        if (!Duration.between(since.since(), now).minus(settings.fillsMissingAlert()).isNegative()) {
            incidents.raise(key, AlertSeverity.HIGH, "Fills missing",
                    "the broker reports " + report.filledQuantity() + " of order " + order.orderId() + " filled, we "
                            + "have booked " + order.filledQuantity() + " for " + Duration.between(since.since(), now)
                            .toSeconds() + " s: the broker has not published the executions, or they cannot be booked; "
                            + "its symbol is left out of reconciliation until they are", context(order));
        }
    }

    private void alertOnRound(SyncRound result, Round round) {
        if (round.unauthorized) {
            incidents.raise(CREDENTIALS, AlertSeverity.CRITICAL, "Broker refuses our credentials",
                    "the broker answers 401/403 to the sync (" + result.failures().mkString("; ") + "): no fill or "
                            + "order state can be read until the API keys are fixed");
        } else if (result.failures().isEmpty()) {
            incidents.resolve(CREDENTIALS, "the broker accepts our credentials again");
        }
        if (result.isComplete()) {
            failedRounds = 0;
            incidents.resolve(FAILING, "a sync round read and booked everything again");
            return;
        }
        if (!database.acceptingWork() && !round.unauthorized) {
            // One outage, one alert: the database's incident covers the rounds it keeps from booking.
            return;
        }
        failedRounds++;
        if (failedRounds >= settings.failedRoundsAlert()) {
            incidents.raise(FAILING, AlertSeverity.HIGH, "Broker sync failing", failedRounds + " sync rounds in a "
                    + "row could not read or book everything; the last: " + result.failures().mkString("; ")
                    + ". Fills and order states wait; nothing is lost while the broker keeps them");
        }
    }

    private static Map<String, String> context(Order order) {
        return LinkedHashMap.of("order_id", order.orderId().value(), "symbol", order.symbol().value(), "status",
                order.status().code(), "broker_order_id", order.brokerOrderId().map(BrokerOrderId::value)
                        .getOrElse(""));
    }
}
