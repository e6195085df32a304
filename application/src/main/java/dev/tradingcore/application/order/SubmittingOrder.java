package dev.tradingcore.application.order;

import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitOrder;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.risk.DailyPnl;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderEvent;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.DatabaseHealth;
import dev.tradingcore.domain.port.OrderRequest;
import dev.tradingcore.domain.risk.PreTradeCheck;
import dev.tradingcore.domain.risk.RiskBreach;
import dev.tradingcore.domain.risk.RiskLimits;
import dev.tradingcore.domain.state.TradingSwitch;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Placing an order, in the design's order: checks (the order storm guard's rates, database health, no hold after an incomplete start-up recovery,
 * trading switch, order rules, risk limits), the
 * order recorded pending, the broker called, the broker's answer recorded (submitted, or rejected with its reason),
 * each step with its audit line in the same transaction as the order.
 *
 * <p>The failures in between are where money is lost, so each has its answer:
 * <ul>
 *   <li>the broker does not answer (timeout, 5xx): the order may exist there. We ask once by client order id; if that
 *       does not settle it either, the order stays pending for recovery, never rejected on a guess;</li>
 *   <li>the broker accepted but recording that fails (the database went away): the design's compensating
 *       transaction, a cancel at the broker, so that no order works at the broker that we do not know of;
 *       alerted.</li>
 * </ul>
 */
public final class SubmittingOrder implements SubmitOrder {

    private final OrderJournal journal;
    private final OrderRepository orders;
    private final BrokerGateway broker;
    private final PositionCache positions;
    private final TradingControls controls;
    private final DailyPnl dailyPnl;
    private final DatabaseHealth database;
    private final AlertSink alerts;
    private final Supplier<OrderId> newOrderId;
    private final Clock clock;
    private final Reopening reopening;
    private final OrderRateGuard rateGuard;
    private final java.util.function.Consumer<Order> onPlaced;
    private final dev.tradingcore.application.risk.DailyLossGuard killSwitch;

    /** Without an order storm guard (no rate limit): for tests and benchmarks of the rest. */
    public SubmittingOrder(OrderJournal journal, OrderRepository orders, BrokerGateway broker, PositionCache positions,
            TradingControls controls, DailyPnl dailyPnl, DatabaseHealth database, AlertSink alerts,
            Supplier<OrderId> newOrderId, Clock clock) {
        this(journal, orders, broker, positions, controls, dailyPnl, database, alerts, newOrderId, clock,
                OrderRateGuard.unlimited(clock), order -> { }, null);
    }

    /** Without an order storm guard, with a kill switch: for tests of the daily loss limit. */
    public SubmittingOrder(OrderJournal journal, OrderRepository orders, BrokerGateway broker, PositionCache positions,
            TradingControls controls, DailyPnl dailyPnl, DatabaseHealth database, AlertSink alerts,
            Supplier<OrderId> newOrderId, Clock clock, dev.tradingcore.application.risk.DailyLossGuard killSwitch) {
        this(journal, orders, broker, positions, controls, dailyPnl, database, alerts, newOrderId, clock,
                OrderRateGuard.unlimited(clock), order -> { }, killSwitch);
    }

    /** Without a kill switch: a breach that halts trading only turns the switch off. */
    public SubmittingOrder(OrderJournal journal, OrderRepository orders, BrokerGateway broker, PositionCache positions,
            TradingControls controls, DailyPnl dailyPnl, DatabaseHealth database, AlertSink alerts,
            Supplier<OrderId> newOrderId, Clock clock, OrderRateGuard rateGuard,
            java.util.function.Consumer<Order> placed) {
        this(journal, orders, broker, positions, controls, dailyPnl, database, alerts, newOrderId, clock, rateGuard,
                placed, null);
    }

    /**
     * @param rateGuard the order storm guard, the first check every order passes
     * @param placed told of every order recorded before it is sent (the resting orders' memory of what is ours)
     * @param killSwitch what a breach that halts trading trips (switch off, open orders cancelled, one alert); without
     *     one (null), such a breach only turns the switch off
     */
    public SubmittingOrder(OrderJournal journal, OrderRepository orders, BrokerGateway broker, PositionCache positions,
            TradingControls controls, DailyPnl dailyPnl, DatabaseHealth database, AlertSink alerts,
            Supplier<OrderId> newOrderId, Clock clock, OrderRateGuard rateGuard,
            java.util.function.Consumer<Order> placed, dev.tradingcore.application.risk.DailyLossGuard killSwitch) {
        this.killSwitch = killSwitch;
        this.journal = journal;
        this.orders = orders;
        this.broker = broker;
        this.positions = positions;
        this.controls = controls;
        this.dailyPnl = dailyPnl;
        this.database = database;
        this.alerts = alerts;
        this.newOrderId = newOrderId;
        this.clock = clock;
        this.reopening = new Reopening(broker, journal, alerts, clock);
        this.rateGuard = java.util.Objects.requireNonNull(rateGuard, "rateGuard");
        this.onPlaced = java.util.Objects.requireNonNull(placed, "placed");
    }

    private volatile Duration marksFreshFor;

    /**
     * Marks older than {@code age} no longer value orders for the position limit when the ticket gives a price of its
     * own (the same age after which a mark is shown stale). Without it, any mark does. Returns this.
     */
    public SubmittingOrder marksFreshFor(Duration age) {
        this.marksFreshFor = java.util.Objects.requireNonNull(age, "age");
        return this;
    }

    /** The order storm guard: its limits and its counts of refusals by reason. */
    public OrderRateGuard rateGuard() {
        return rateGuard;
    }

    @Override
    public SubmitResult submit(OrderTicket ticket) {
        Option<Rejection> tooFast = rateGuard.admit(ticket.symbol());
        if (tooFast.isDefined()) {
            return new SubmitResult.Refused(tooFast.get());
        }
        SubmitResult result = checkAndSend(ticket);
        if (result instanceof SubmitResult.Refused refused) {
            rateGuard.refused(ticket.symbol(), refused.reason());
        }
        return result;
    }

    private SubmitResult checkAndSend(OrderTicket ticket) {
        if (!database.acceptingWork()) {
            return refused("database_unavailable", "no new orders while the database is unavailable ("
                    + database.describe() + ")");
        }
        Option<String> held = controls.orderHold();
        if (held.isDefined()) {
            return refused("recovery_incomplete", held.get());
        }
        TradingSwitch tradingSwitch = controls.tradingSwitch();
        if (!tradingSwitch.enabled()) {
            return refused("trading_disabled", "trading is disabled: " + tradingSwitch.reason());
        }
        Option<RiskLimits> limits = controls.riskLimits();
        if (limits.isEmpty()) {
            return refused("no_risk_limits", "no risk limits are configured; no order can be checked");
        }
        Instant at = clock.instant();
        OrderId orderId = newOrderId.get();
        Either<Rejection, OrderEvent.Placed> placed = Order.place(orderId, ClientOrderId.of(orderId.value()),
                ticket.symbol(), ticket.side(), ticket.quantity(), ticket.type(), ticket.timeInForce(),
                ticket.limitPrice(), ticket.stopPrice(), at);
        if (placed.isLeft()) {
            return new SubmitResult.Refused(placed.getLeft());
        }
        Order pending = placed.get().order();
        // Position limits are checked at market value: the symbol's latest price when the core has a fresh one, else
        // the ticket's own price, else an older mark. A mark days old (taken from the cache at a restart) valued
        // orders at a price the market had left, and let them past the limit.
        Duration freshFor = marksFreshFor;
        Option<dev.tradingcore.domain.marketdata.Quote> mark = positions.markOf(ticket.symbol());
        Option<Price> reference = mark.filter(q -> freshFor == null || !q.timestamp().plus(freshFor).isBefore(at))
                .map(q -> q.price())
                .orElse(ticket.referencePrice()).orElse(ticket.limitPrice()).orElse(ticket.stopPrice())
                .orElse(mark.map(q -> q.price()))
                .orElse(() -> positions.get(ticket.symbol()).flatMap(p -> p.markPrice()));
        if (reference.isEmpty()) {
            return refused("no_reference_price", "the risk check needs a price for " + ticket.symbol()
                    + ": give a reference price, a limit or a stop price");
        }
        try {
            Either<RiskBreach, Order> checked = PreTradeCheck.check(limits.get(), pending, positions.get(ticket.symbol()),
                    orders.findOpenBySymbol(ticket.symbol()), reference.get(), dailyPnl.today());
            if (checked.isLeft()) {
                RiskBreach breach = checked.getLeft();
                if (breach.haltsTrading() && killSwitch != null) {
                    killSwitch.trip(breach);
                } else if (breach.haltsTrading()) {
                    controls.turn(false, breach.message());
                }
                return new SubmitResult.Refused(breach.toRejection());
            }
            Either<Rejection, Order> recorded = journal.place(pending,
                    OrderAudit.of(at, "order_placed", AuditSeverity.INFO, pending));
            if (recorded.isLeft()) {
                return new SubmitResult.Refused(recorded.getLeft());
            }
            onPlaced.accept(pending);
        } catch (StoreUnavailableException unavailable) {
            return refused("database_unavailable", "the order was not placed: " + unavailable.getMessage());
        }
        return send(pending);
    }

    private SubmitResult send(Order pending) {
        Either<BrokerFailure, BrokerOrder> answer = broker.submit(OrderRequest.of(pending));
        if (answer.isLeft() && answer.getLeft() instanceof BrokerFailure.Transient) {
            // The request may have reached the broker. Its client order id tells.
            Either<BrokerFailure, BrokerOrder> lookup = broker.orderByClientOrderId(pending.clientOrderId());
            if (lookup.isRight()) {
                answer = lookup;
            } else if (!(lookup.getLeft() instanceof BrokerFailure.NotFound)) {
                return unconfirmed(pending, describe(answer.getLeft()));
            } else {
                // Definitively not at the broker: the request never arrived. Sending again is safe: the client
                // order id makes a second arrival of the first request a duplicate the broker refuses.
                answer = broker.submit(OrderRequest.of(pending));
                if (answer.isLeft() && answer.getLeft() instanceof BrokerFailure.Transient failure) {
                    return unconfirmed(pending, describe(failure));
                }
                if (answer.isLeft()) {
                    // A refused resend may mean the first request arrived after all, late, making this one a
                    // duplicate of its client order id: the broker's book says which, not the refusal's wording.
                    Either<BrokerFailure, BrokerOrder> arrived = broker.orderByClientOrderId(pending.clientOrderId());
                    if (arrived.isRight()) {
                        answer = arrived;
                    } else if (!(arrived.getLeft() instanceof BrokerFailure.NotFound)) {
                        // Refused, and no answer to whether the first request arrived: unknown, not rejected.
                        return unconfirmed(pending, "the resend was refused (" + describe(answer.getLeft())
                                + ") and whether the first request arrived is unknown: " + describe(arrived.getLeft()));
                    }
                }
            }
        }
        if (answer.isLeft()) {
            return rejectedByBroker(pending, describe(answer.getLeft()));
        }
        return accepted(pending, answer.get());
    }

    private SubmitResult accepted(Order pending, BrokerOrder brokerOrder) {
        Instant at = clock.instant();
        Either<Rejection, Order> recorded;
        java.util.concurrent.atomic.AtomicReference<Order> before = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            recorded = journal.change(pending.orderId(), stored -> stored.acknowledgedAs(brokerOrder.brokerOrderId(), at)
                    .peek(acked -> before.set(stored))
                    .map(acked -> OrderJournal.Changed.to(acked, acked.wasReopenedFrom(stored)
                            ? OrderAudit.of(at, "order_reopened", AuditSeverity.WARNING, acked, "broker_status",
                                    brokerOrder.rawStatus(), "previous_status", stored.status().code())
                            : OrderAudit.of(at, "order_submitted", AuditSeverity.INFO, acked, "broker_status",
                                    brokerOrder.rawStatus()))));
        } catch (RuntimeException recordingFailed) {
            return compensate(pending, brokerOrder, "the broker accepted the order but it could not be recorded: "
                    + recordingFailed.getMessage());
        }
        if (recorded.isLeft()) {
            return compensate(pending, brokerOrder, "the broker accepted the order but it could not be recorded: "
                    + recorded.getLeft().message());
        }
        if (before.get() != null) {
            reopening.after(before.get(), recorded.get());
        }
        return new SubmitResult.Accepted(recorded.get());
    }

    /** The design's compensating transaction: cancel at the broker what we could not record. */
    private SubmitResult compensate(Order order, BrokerOrder brokerOrder, String reason) {
        Either<BrokerFailure, BrokerOrder> cancel = broker.cancel(brokerOrder.brokerOrderId());
        boolean confirmed = cancel.isRight();
        Instant at = clock.instant();
        alerts.send(new Alert(AlertSeverity.CRITICAL, "Order cancelled by compensation",
                reason + "; cancel at the broker "
                        + (confirmed ? "confirmed" : "NOT confirmed: " + describe(cancel.getLeft())),
                at, LinkedHashMap.of("order_id", order.orderId().value(), "broker_order_id",
                        brokerOrder.brokerOrderId().value(), "symbol", order.symbol().value())));
        if (confirmed) {
            try {
                journal.change(order.orderId(), stored -> stored.acknowledgedAs(brokerOrder.brokerOrderId(), at)
                        .flatMap(acked -> acked.cancelled(at)).map(cancelled -> OrderJournal.Changed.to(
                                cancelled.order(), OrderAudit.of(at, "order_cancelled_by_compensation",
                                        AuditSeverity.ERROR, cancelled.order(), "reason", reason))));
            } catch (RuntimeException stillFailing) {
                // The order stays pending here; recovery will find it cancelled at the broker.
            }
        }
        return new SubmitResult.Compensated(order, confirmed, reason);
    }

    private SubmitResult rejectedByBroker(Order pending, String reason) {
        Instant at = clock.instant();
        Order rejected = pending.rejected(reason, at).map(OrderEvent::order).getOrElse(pending);
        try {
            rejected = journal.change(pending.orderId(), stored -> stored.rejected(reason, at)
                    .map(event -> OrderJournal.Changed.to(event.order(), OrderAudit.of(at, "order_rejected",
                            AuditSeverity.WARNING, event.order(), "reason", reason))))
                    .getOrElse(rejected);
        } catch (StoreUnavailableException unavailable) {
            // Still pending in the database: recovery will ask the broker, which never knew the order, and reject it.
        }
        return new SubmitResult.RejectedByBroker(rejected, reason);
    }

    private SubmitResult unconfirmed(Order pending, String reason) {
        Instant at = clock.instant();
        try {
            journal.change(pending.orderId(), stored -> Either.right(OrderJournal.Changed.to(stored,
                    OrderAudit.of(at, "order_submit_unconfirmed", AuditSeverity.WARNING, stored, "reason", reason))));
        } catch (StoreUnavailableException unavailable) {
            // The pending row is there already; only the audit line is missing, and recovery writes its own.
        }
        return new SubmitResult.Unconfirmed(pending, reason);
    }

    private static SubmitResult refused(String code, String message) {
        return new SubmitResult.Refused(Rejection.of(code, message));
    }

    static String describe(BrokerFailure failure) {
        return switch (failure) {
            case BrokerFailure.Rejected r -> r.reason();
            case BrokerFailure.NotFound n -> "not found at the broker: " + n.what();
            case BrokerFailure.Timeout t -> "the broker did not answer within " + t.after();
            case BrokerFailure.ServerError s -> "the broker failed (HTTP " + s.status() + "): " + s.detail();
            case BrokerFailure.RateLimited r -> "the broker is rate limiting"
                    + r.retryAfter().map(d -> ", retry after " + d).getOrElse("");
            case BrokerFailure.ConnectionFailed c -> "the broker could not be reached: " + c.detail();
            case BrokerFailure.Malformed m -> m.message();
            case BrokerFailure.Unauthorized u -> u.message();
        };
    }
}
