package dev.tradingcore.application.order;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.DatabaseHealth;
import dev.tradingcore.domain.port.Listing;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Our orders resting at the broker when the core cannot keep its books: the database unavailable for longer than the
 * policy allows, the core stopping, or a run stopped by a failure. The operator's policy says what happens to them:
 * {@link Action#CANCEL} (the default) cancels each at the broker, {@link Action#LEAVE} leaves them working and says
 * which. Either way the answer is a {@link Report} naming every order (our order id, the broker's, symbol, side,
 * quantity) and what became of it, written to the log, audited where the database allows (one row per cancel and one
 * for the decision; through the retrying audit logger when the database does not take them now) and alerted once
 * when a person must know (see {@link #apply}).
 *
 * <p>The broker is the truth of what rests: its open orders are listed and those that are ours kept. Ours are those
 * this process placed or found open at its start (remembered in memory, so that this works while the database is
 * away), else those the database knows by client order id. One the database cannot be asked about is not touched,
 * and the report says so. Each run died leaving 10-50 of our orders working at the broker, filling with no core
 * running; and a normal {@code run} ended with orders still submitted, saying nothing.
 */
public final class RestingOrders {

    /** What to do with our resting orders. */
    public enum Action {
        /** Cancel each at the broker (the default). */
        CANCEL,
        /** Leave them working and say which. */
        LEAVE;

        /** {@code cancel} or {@code leave}, as configured. */
        public static Action parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "cancel" -> CANCEL;
                case "leave" -> LEAVE;
                default -> throw new IllegalArgumentException("'" + text + "' is not a resting-orders policy; it must"
                        + " be cancel or leave");
            };
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The operator's policy.
     *
     * @param action what to do with our resting orders when the core cannot keep its books
     * @param degradedAfter how long the database may be unavailable before the policy is applied
     */
    public record Policy(Action action, Duration degradedAfter) {
        public Policy {
            if (action == null || degradedAfter == null || !degradedAfter.isPositive()) {
                throw new IllegalArgumentException("a resting-orders policy needs an action and a positive time");
            }
        }

        /** Cancel, after 30 s of a database unavailable. */
        public static Policy defaults() {
            return new Policy(Action.CANCEL, Duration.ofSeconds(30));
        }
    }

    /** Why the policy is applied. */
    public enum Trigger {
        /** The core stops (normal end of a session, close of the embedding API). */
        STOP,
        /** A run was stopped by a failure it cannot recover from. */
        FAILURE,
        /** The database has been unavailable for longer than the policy allows. */
        DEGRADED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One of our orders resting at the broker, and what became of it. */
    public record Resting(BrokerOrder order, String outcome, boolean stillResting) {
        /** "order o-1 (broker b-1): BUY 10 AAPL, 0 filled: cancelled". */
        public String describe() {
            return "order " + order.clientOrderId().map(ClientOrderId::value).getOrElse("-") + " (broker "
                    + order.brokerOrderId() + "): " + order.side() + " " + plain(order.quantity().value()) + " "
                    + order.symbol() + ", " + plain(order.filledQuantity().value()) + " filled: " + outcome;
        }
    }

    /**
     * What was found and done.
     *
     * @param orders our orders found resting, each with what became of it
     * @param problems what could not be done or known (the broker did not list its orders, an order could not be
     *     read or checked): each means orders may rest that this report does not name
     */
    public record Report(Trigger trigger, String reason, Action action, List<Resting> orders, List<String> problems,
            Instant at) {

        /** Orders that still rest at the broker after this (left, or whose cancel failed). */
        public List<Resting> stillResting() {
            return orders.filter(Resting::stillResting);
        }

        public boolean complete() {
            return problems.isEmpty();
        }

        /** The lines a person reads: a headline, then one line per order and per problem. */
        public List<String> lines() {
            List<String> lines = List.of(headline());
            lines = lines.appendAll(orders.map(r -> "  " + r.describe()));
            return lines.appendAll(problems.map(p -> "  NOT KNOWN: " + p));
        }

        public String headline() {
            long cancelled = orders.count(r -> !r.stillResting());
            int resting = stillResting().size();
            String when = switch (trigger) {
                case STOP -> "stopping";
                case FAILURE -> "stopped by a failure (" + reason + ")";
                case DEGRADED -> "the books cannot be kept (" + reason + ")";
            };
            if (orders.isEmpty()) {
                return "resting orders (" + when + "): none of ours rests at the broker"
                        + (problems.isEmpty() ? "" : ", as far as could be seen");
            }
            if (action == Action.LEAVE) {
                return "resting orders (" + when + "): " + resting + " of ours LEFT working at the broker, as the"
                        + " policy says (trading.resting-orders=leave): cancel them at the broker if nobody watches them";
            }
            return "resting orders (" + when + "): " + cancelled + " of ours cancelled at the broker"
                    + (resting > 0 ? ", " + resting + " STILL WORKING there (the cancel failed): cancel them at the"
                            + " broker" : "");
        }
    }

    private final BrokerGateway broker;
    private final OrderRepository orders;
    private final UpdatingOrderStatus statuses;
    private final AuditLog audit;
    private final Consumer<AuditEvent> auditLater;
    private final AlertSink alerts;
    private final Consumer<String> log;
    private final Clock clock;
    private final Policy policy;
    /** Client order ids of orders this process placed or found open at its start (bounded, newest kept). */
    private final java.util.Set<String> ours = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>(1024, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > 200_000;
                }
            }));
    private Option<Instant> unavailableSince = Option.none();
    private boolean appliedThisOutage;

    /**
     * @param audit the audit trail, written at once when the database takes it
     * @param auditLater where audit events go when it does not (the retrying asynchronous logger)
     * @param log where the report's lines go
     */
    public RestingOrders(BrokerGateway broker, OrderRepository orders, UpdatingOrderStatus statuses, AuditLog audit,
            Consumer<AuditEvent> auditLater, AlertSink alerts, Consumer<String> log, Clock clock, Policy policy) {
        this.broker = broker;
        this.orders = orders;
        this.statuses = statuses;
        this.audit = audit;
        this.auditLater = auditLater;
        this.alerts = alerts;
        this.log = log;
        this.clock = clock;
        this.policy = policy;
    }

    public Policy policy() {
        return policy;
    }

    /** Remembers an order as ours (placed by this process), so that it is known while the database is away. */
    public void placed(Order order) {
        ours.add(order.clientOrderId().value());
    }

    /** Remembers the orders the database holds open (at start, after recovery). */
    public void rememberOpen() {
        try {
            orders.findByStatuses(HashSet.of(OrderStatus.PENDING, OrderStatus.SUBMITTED, OrderStatus.PARTIAL_FILL,
                    OrderStatus.UNKNOWN)).forEach(this::placed);
        } catch (RuntimeException unavailable) {
            log.accept("resting orders: the open orders could not be read from the database ("
                    + unavailable.getMessage() + "); only orders placed from now on are known without it");
        }
    }

    /** Our orders resting at the broker now, as it lists them; nothing is changed. */
    public Report list(String reason) {
        Instant at = clock.instant();
        List<String> problems = List.empty();
        Either<BrokerFailure, Listing<BrokerOrder>> working = broker.openOrders();
        if (working.isLeft()) {
            return new Report(Trigger.STOP, reason, Action.LEAVE, List.empty(), List.of("the broker did not list its"
                    + " open orders: " + SubmittingOrder.describe(working.getLeft())), at);
        }
        List<Resting> found = List.empty();
        // Once the database failed to answer, it is not asked again in this listing: each question could wait the
        // whole timeout, and fifty of them would hold the stop for minutes.
        java.util.concurrent.atomic.AtomicReference<String> away = new java.util.concurrent.atomic.AtomicReference<>();
        for (BrokerOrder order : working.get().items()) {
            Option<String> unknown = ownership(order, away);
            if (unknown.isDefined()) {
                if (!unknown.get().isEmpty()) {
                    problems = problems.append(unknown.get());
                }
                continue;
            }
            found = found.append(new Resting(order, "resting", true));
        }
        problems = problems.appendAll(working.get().unreadable().map(u -> "an open order at the broker could not be"
                + " read (" + u.reference() + ": " + u.reason() + ")"));
        return new Report(Trigger.STOP, reason, Action.LEAVE, found, problems, at);
    }

    /**
     * Applies the policy: our resting orders cancelled at the broker (each cancel recorded and audited where the
     * database allows) or left; the decision audited; the report logged; one alert when a person must act or know:
     * orders left working, a cancel that failed, orders that could not be listed or checked, or any cancel not caused
     * by a normal stop (a failure, a database away too long). A normal stop that cancelled everything is logged and
     * audited, not alerted.
     */
    public synchronized Report apply(Trigger trigger, String reason) {
        Report listed = list(reason);
        List<Resting> outcomes = List.empty();
        List<AuditEvent> events = List.empty();
        Instant at = clock.instant();
        java.util.concurrent.atomic.AtomicReference<String> away = new java.util.concurrent.atomic.AtomicReference<>();
        // Broker order id -> {the state the cancel's answer gave, what recording it said}: cancels not yet done.
        java.util.Map<String, String[]> asked = new java.util.HashMap<>();
        for (Resting resting : listed.orders()) {
            BrokerOrder order = resting.order();
            if (policy.action() == Action.LEAVE) {
                outcomes = outcomes.append(new Resting(order, "left working", true));
                continue;
            }
            Either<BrokerFailure, BrokerOrder> cancel = broker.cancel(order.brokerOrderId());
            Option<BrokerOrder> ended = cancel.isLeft() ? endedMeanwhile(order) : Option.none();
            if (ended.isDefined()) {
                // Listed open, then filled (or ended otherwise) before the cancel reached it: the broker refuses the
                // cancel because there is nothing left to cancel. Not resting, so no page; its state is recorded
                // like a cancel's answer (its fills come through the broker sync, which the order waits for).
                String recorded = record(ended.get(), away);
                outcomes = outcomes.append(new Resting(order, "ended before the cancel (broker: "
                        + ended.get().rawStatus() + ")" + recorded, false));
                events = events.append(cancelEvent(at, order, trigger, reason, ended.get().rawStatus(),
                        ("ended before the cancel; " + recorded).strip()));
                continue;
            }
            if (cancel.isLeft()) {
                outcomes = outcomes.append(new Resting(order, "cancel FAILED: "
                        + SubmittingOrder.describe(cancel.getLeft()), true));
                events = events.append(cancelEvent(at, order, trigger, reason, "failed",
                        SubmittingOrder.describe(cancel.getLeft())));
                continue;
            }
            BrokerOrder after = cancel.get();
            String recorded = record(after, away);
            if (after.status().isTerminal()) {
                outcomes = outcomes.append(new Resting(order, "cancelled (broker: " + after.rawStatus() + ")"
                        + recorded, false));
            } else {
                outcomes = outcomes.append(new Resting(order, "cancel asked (broker: " + after.rawStatus() + ")"
                        + recorded, false));
                asked.put(order.brokerOrderId().value(), new String[] {after.rawStatus(), recorded});
            }
            events = events.append(cancelEvent(at, order, trigger, reason, after.rawStatus(), recorded.strip()));
        }
        outcomes = confirmed(outcomes, asked);
        Report report = new Report(trigger, reason, policy.action(), outcomes, listed.problems(), at);
        events = events.append(AuditEvent.of(at, "core", "resting_orders_" + (policy.action() == Action.CANCEL
                ? "cancelled" : "left"), report.stillResting().isEmpty() && report.complete() ? AuditSeverity.INFO
                        : AuditSeverity.WARNING, AuditEvent.details("trigger", trigger.code(), "reason", reason,
                                "policy", policy.action().code(), "orders", Integer.toString(outcomes.size()),
                                "still_resting", Integer.toString(report.stillResting().size()), "order_ids",
                                ids(outcomes), "problems", report.problems().mkString("; "))));
        String audited = auditAll(events);
        report.lines().forEach(log);
        if (!audited.isEmpty()) {
            log.accept("  " + audited);
        }
        // Not being able to look is worth a page only when something of ours may rest: a start that placed nothing and
        // found nothing open (its broker unreachable, say, and already alerted) has nothing there to lose.
        boolean mayHaveSome = !ours.isEmpty() || trigger != Trigger.STOP;
        boolean mustKnow = !report.stillResting().isEmpty() || (!report.complete() && mayHaveSome)
                || (trigger != Trigger.STOP && !outcomes.isEmpty());
        if (mustKnow) {
            alerts.send(new Alert(report.stillResting().isEmpty() && report.complete() ? AlertSeverity.HIGH
                    : AlertSeverity.CRITICAL, alertTitle(report), report.lines().mkString("\n"), at,
                    LinkedHashMap.of("trigger", trigger.code(), "policy", policy.action().code(), "order_ids",
                            ids(report.stillResting().isEmpty() ? outcomes : report.stillResting()))));
        }
        return report;
    }

    /**
     * The order as the broker reports it now, when a refused cancel was refused because the order had ended since it
     * was listed (Alpaca answers 422 "order is not cancelable" for a filled one); none when it still works or cannot
     * be read, and the cancel's failure stands.
     */
    private Option<BrokerOrder> endedMeanwhile(BrokerOrder listed) {
        Either<BrokerFailure, BrokerOrder> now = broker.orderById(listed.brokerOrderId());
        return now.isRight() && now.get().status().isTerminal() ? Option.some(now.get()) : Option.none();
    }

    /** How long the broker is given to confirm the cancels it answered "pending" before it is asked again. */
    static final Duration CONFIRM_PAUSE = Duration.ofMillis(300);

    /**
     * The cancels the broker answered with a state that still works (Alpaca's {@code pending_cancel}: asked, not yet
     * done at the exchange; the order may still fill), checked once more against its open orders after a short pause:
     * those it still lists, or all of them when it does not list, are reported still resting. Before, an order
     * pending cancel was reported cancelled, no alert went out at a normal stop, and the process ended with it
     * working.
     */
    private List<Resting> confirmed(List<Resting> outcomes, java.util.Map<String, String[]> asked) {
        if (asked.isEmpty()) {
            return outcomes;
        }
        try {
            Thread.sleep(CONFIRM_PAUSE.toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        Either<BrokerFailure, Listing<BrokerOrder>> open = broker.openOrders();
        java.util.Set<String> stillOpen = new java.util.HashSet<>();
        open.forEach(listing -> listing.items().forEach(o -> stillOpen.add(o.brokerOrderId().value())));
        return outcomes.map(r -> {
            String[] answer = asked.get(r.order().brokerOrderId().value());
            if (answer == null) {
                return r;
            }
            if (open.isRight() && !stillOpen.contains(r.order().brokerOrderId().value())) {
                return new Resting(r.order(), "cancelled (no longer open at the broker, which first answered "
                        + answer[0] + ")" + answer[1], false);
            }
            return new Resting(r.order(), "cancel asked, NOT confirmed by the broker (" + answer[0]
                    + (open.isLeft() ? "; its open orders could not be listed again: "
                            + SubmittingOrder.describe(open.getLeft()) : ", still listed open")
                    + "): it may still fill; cancel it at the broker" + answer[1], true);
        });
    }

    /**
     * Watches the database's health: once it has refused work for longer than the policy's time, the policy is
     * applied, once per outage; when it takes work again the watch starts over. Called every second or so.
     *
     * @return the report, when the policy was applied now
     */
    public synchronized Option<Report> watch(DatabaseHealth database) {
        Instant now = clock.instant();
        if (database.acceptingWork()) {
            if (unavailableSince.isDefined() && appliedThisOutage) {
                log.accept("resting orders: the database takes work again (unavailable since "
                        + unavailableSince.get() + "); new orders are accepted again");
            }
            unavailableSince = Option.none();
            appliedThisOutage = false;
            return Option.none();
        }
        if (unavailableSince.isEmpty()) {
            unavailableSince = Option.some(now);
        }
        if (appliedThisOutage || now.isBefore(unavailableSince.get().plus(policy.degradedAfter()))) {
            return Option.none();
        }
        appliedThisOutage = true;
        return Option.some(apply(Trigger.DEGRADED, "the database has been unavailable since " + unavailableSince.get()
                + ", longer than " + policy.degradedAfter().toSeconds()
                + " s (trading.resting-orders-degraded-after)"));
    }

    /** Empty when ours; else why not known to be ours ("" when simply not ours). */
    private Option<String> ownership(BrokerOrder order, java.util.concurrent.atomic.AtomicReference<String> away) {
        if (order.clientOrderId().isEmpty()) {
            return Option.some("");
        }
        ClientOrderId id = order.clientOrderId().get();
        if (ours.contains(id.value())) {
            return Option.none();
        }
        if (away.get() == null) {
            try {
                return orders.findByClientOrderId(id).isDefined() ? Option.none() : Option.some("");
            } catch (RuntimeException unavailable) {
                away.set(String.valueOf(unavailable.getMessage()));
            }
        }
        return Option.some("broker order " + order.brokerOrderId() + " (client order id " + id + ", "
                + order.side() + " " + plain(order.quantity().value()) + " " + order.symbol() + ") may be ours:"
                + " the database could not be asked (" + away.get() + "); it was not touched");
    }

    /** Records the broker's answer to a cancel; says when that could not be done now (recovery will). */
    private String record(BrokerOrder after, java.util.concurrent.atomic.AtomicReference<String> away) {
        if (away.get() == null) {
            try {
                Either<dev.tradingcore.domain.common.Rejection, Order> applied = statuses.apply(after);
                return applied.isRight() ? "" : "; recorded later (" + applied.getLeft().message() + ")";
            } catch (RuntimeException unavailable) {
                away.set(String.valueOf(unavailable.getMessage()));
            }
        }
        return "; not recorded now (" + away.get() + "): the broker sync records it once the database is back, or"
                + " the next start's recovery";
    }

    /** Writes the events in one transaction, else hands them to the retrying logger; says what happened if not now. */
    private String auditAll(List<AuditEvent> events) {
        try {
            audit.appendAll(events);
            return "";
        } catch (RuntimeException unavailable) {
            events.forEach(auditLater);
            return "audit: the database did not take the " + events.size() + " audit rows now ("
                    + unavailable.getMessage() + "); the audit logger retries them";
        }
    }

    private static AuditEvent cancelEvent(Instant at, BrokerOrder order, Trigger trigger, String reason,
            String brokerStatus, String note) {
        return AuditEvent.of(at, "core", "resting_order_cancel", AuditSeverity.WARNING, AuditEvent.details(
                "order_id", order.clientOrderId().map(ClientOrderId::value).getOrElse(""), "broker_order_id",
                order.brokerOrderId().value(), "symbol", order.symbol().value(), "side", order.side().name(),
                "quantity", plain(order.quantity().value()), "filled", plain(order.filledQuantity().value()),
                "trigger", trigger.code(), "reason", reason, "broker_status", brokerStatus, "note", note));
    }

    private static String alertTitle(Report report) {
        if (!report.complete()) {
            return "Orders may rest at the broker unseen";
        }
        if (report.action() == Action.LEAVE) {
            return "Orders left working at the broker";
        }
        return report.stillResting().isEmpty() ? "Resting orders cancelled at the broker"
                : "Resting orders could not all be cancelled";
    }

    private static String ids(List<Resting> list) {
        String text = list.map(r -> r.order().clientOrderId().map(ClientOrderId::value).getOrElse(
                r.order().brokerOrderId().value())).take(50).mkString(",");
        return list.size() > 50 ? text + ",... (" + list.size() + " in all)" : text;
    }

    private static String plain(java.math.BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
