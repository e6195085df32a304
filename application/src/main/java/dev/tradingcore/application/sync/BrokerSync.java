package dev.tradingcore.application.sync;

import dev.tradingcore.application.port.in.FillCounts;
import dev.tradingcore.application.port.in.SyncRound;
import dev.tradingcore.application.port.in.SyncWithBroker;
import dev.tradingcore.application.port.in.UpdateOrderStatus;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
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
 * The continuous broker sync: each round reads the fills executed since the watermark and records them exactly once
 * ({@link FillSweep}), then brings the status of our open orders in line with the broker's
 * ({@link UpdateOrderStatus}). Fills first: a status of filled is refused until the fills that make it are recorded.
 *
 * <p>The watermark moves to the newest fill's execution time less the overlap, never backwards, and never past a
 * fill that could not be recorded (database or broker away): that fill is read again next round. The first
 * watermark is where start-up recovery stopped reading ({@code RecoveryReport.syncFrom()}).
 *
 * <p>Statuses: one {@code openOrders()} call per round; each of our open orders it lists is updated if its status
 * differs; each it no longer lists is asked about by broker id (it finished: filled, cancelled, expired...). A pending
 * order with no broker id is asked about by client order id once older than the pending grace: if the broker has it,
 * it is acknowledged; if not, it is left pending (a submit may still land) and start-up recovery rejects it.
 *
 * <p>Alerts are raised once per order and broker state, not every round.
 */
public final class BrokerSync implements SyncWithBroker {

    private final BrokerGateway broker;
    private final OrderRepository orders;
    private final FillSweep sweep;
    private final UpdateOrderStatus statuses;
    private final AlertSink alerts;
    private final Clock clock;
    private final BrokerSyncSettings settings;
    private final java.util.Set<String> alerted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Instant watermark;

    public BrokerSync(BrokerGateway broker, OrderRepository orders, FillSweep sweep, UpdateOrderStatus statuses,
            AlertSink alerts, Clock clock, BrokerSyncSettings settings, Instant initialWatermark) {
        this.broker = broker;
        this.orders = orders;
        this.sweep = sweep;
        this.statuses = statuses;
        this.alerts = alerts;
        this.clock = clock;
        this.settings = settings;
        this.watermark = java.util.Objects.requireNonNull(initialWatermark, "initial watermark");
    }

    /** Fills executed from this instant on are read next round. */
    public Instant watermark() {
        return watermark;
    }

    @Override
    public synchronized SyncRound syncOnce() {
        List<String> failures = List.empty();
        FillCounts fills = FillCounts.NONE;
        Either<BrokerFailure, List<BrokerFill>> read = broker.fillsSince(watermark).flatMap(Listing::whole);
        if (read.isLeft()) {
            failures = failures.append("fills since " + watermark + " not read: " + read.getLeft().message());
        } else {
            FillSweep.Swept swept = sweep.apply(read.get());
            fills = swept.counts();
            failures = failures.appendAll(swept.failures());
            watermark = advanced(watermark, read.get(), swept.earliestUnsettled());
        }
        int changed = 0;
        try {
            Refresh refresh = refreshStatuses();
            changed = refresh.changed;
            failures = failures.appendAll(refresh.failures);
        } catch (StoreUnavailableException unavailable) {
            failures = failures.append("statuses not refreshed, database unavailable: " + unavailable.getMessage());
        }
        return new SyncRound(fills, changed, watermark, failures);
    }

    private Instant advanced(Instant current, List<BrokerFill> fills, Option<Instant> earliestUnsettled) {
        Option<Instant> newest = fills.map(BrokerFill::executedAt).maxBy(t -> t);
        if (newest.isEmpty()) {
            return current;
        }
        Instant candidate = newest.get().minus(settings.overlap());
        if (earliestUnsettled.isDefined() && earliestUnsettled.get().isBefore(candidate)) {
            candidate = earliestUnsettled.get();
        }
        return candidate.isAfter(current) ? candidate : current;
    }

    private static final class Refresh {
        int changed;
        List<String> failures = List.empty();
    }

    private Refresh refreshStatuses() {
        Refresh refresh = new Refresh();
        List<Order> open = orders.findByStatuses(HashSet.of(OrderStatus.PENDING, OrderStatus.SUBMITTED,
                OrderStatus.PARTIAL_FILL, OrderStatus.UNKNOWN));
        if (open.isEmpty()) {
            return refresh;
        }
        Either<BrokerFailure, List<BrokerOrder>> working = broker.openOrders().flatMap(Listing::whole);
        if (working.isLeft()) {
            refresh.failures = refresh.failures.append("open orders not read: " + working.getLeft().message());
            return refresh;
        }
        Map<BrokerOrderId, BrokerOrder> byBrokerId = LinkedHashMap.ofEntries(
                working.get().map(o -> io.vavr.Tuple.of(o.brokerOrderId(), o)));
        Map<ClientOrderId, BrokerOrder> byClientId = LinkedHashMap.ofEntries(working.get()
                .filter(o -> o.clientOrderId().isDefined()).map(o -> io.vavr.Tuple.of(o.clientOrderId().get(), o)));
        Instant now = clock.instant();
        for (Order order : open) {
            Option<BrokerOrder> listed = order.brokerOrderId().flatMap(byBrokerId::get)
                    .orElse(() -> byClientId.get(order.clientOrderId()));
            Either<BrokerFailure, BrokerOrder> report;
            if (listed.isDefined()) {
                report = Either.right(listed.get());
            } else if (order.brokerOrderId().isDefined()) {
                report = broker.orderById(order.brokerOrderId().get());
            } else if (!order.submittedAt().plus(settings.pendingGrace()).isAfter(now)) {
                report = broker.orderByClientOrderId(order.clientOrderId());
            } else {
                continue; // a young pending order: its submit may be under way
            }
            if (report.isLeft()) {
                onFailure(order, report.getLeft(), refresh, now);
                continue;
            }
            if (apply(order, report.get(), now)) {
                refresh.changed++;
            }
        }
        return refresh;
    }

    private void onFailure(Order order, BrokerFailure failure, Refresh refresh, Instant now) {
        if (failure.isTransient()) {
            refresh.failures = refresh.failures.append("order " + order.orderId() + " not refreshed: "
                    + failure.message());
            return;
        }
        if (order.brokerOrderId().isEmpty()) {
            // Pending and unknown to the broker: its submit never landed, or has not yet. Left pending on purpose.
            alertOnce(order.orderId(), "pending-not-found", AlertSeverity.WARNING, "Pending order unknown to the broker",
                    "order " + order.orderId() + " has been pending since " + order.submittedAt() + " and the broker "
                            + "does not know it (" + failure.message() + "); it is left pending and start-up recovery "
                            + "will reject it", order, now);
            return;
        }
        alertOnce(order.orderId(), "lookup-" + failure.getClass().getSimpleName(), AlertSeverity.HIGH,
                "Broker cannot account for an open order", "order " + order.orderId() + " ("
                        + order.status().code() + ", broker id " + order.brokerOrderId().get() + "): "
                        + failure.message() + "; start-up recovery or a person must settle it", order, now);
    }

    /** Applies a report that differs from our record; true when something was written. */
    private boolean apply(Order order, BrokerOrder report, Instant now) {
        boolean differs = order.brokerOrderId().isEmpty() || report.status() != order.status();
        boolean brokerBehind = report.status() == OrderStatus.SUBMITTED && order.status() == OrderStatus.PARTIAL_FILL;
        if (!differs || brokerBehind) {
            // Behind: we recorded a fill the broker's order view does not show yet; it will.
            return false;
        }
        Either<Rejection, Order> result = statuses.apply(report);
        if (result.isLeft()) {
            if (!"fills_missing".equals(result.getLeft().code())) {
                // fills_missing: the fills that make the status have not been read yet; next round.
                alertOnce(order.orderId(), "refused-" + report.rawStatus(), AlertSeverity.HIGH,
                        "Broker order status cannot be applied", "the broker reports order " + order.orderId()
                                + " as '" + report.rawStatus() + "', which cannot be recorded: "
                                + result.getLeft().message(), order, now);
            }
            return false;
        }
        Order after = result.get();
        if (after.status() == OrderStatus.UNKNOWN && order.status() != OrderStatus.UNKNOWN) {
            alertOnce(order.orderId(), "unknown-" + report.rawStatus(), AlertSeverity.HIGH, "Order in an unknown state",
                    "the broker reports order " + order.orderId() + " as '" + report.rawStatus()
                            + "', which has no meaning here; the order is recorded unknown until a person or "
                            + "recovery resolves it", order, now);
        }
        return !after.equals(order);
    }

    private void alertOnce(OrderId orderId, String what, AlertSeverity severity, String title, String message,
            Order order, Instant at) {
        if (alerted.add(orderId.value() + "/" + what)) {
            alerts.send(new Alert(severity, title, message, at, LinkedHashMap.of("order_id", orderId.value(),
                    "symbol", order.symbol().value(), "status", order.status().code(), "broker_order_id",
                    order.brokerOrderId().map(BrokerOrderId::value).getOrElse(""))));
        }
    }

    /** For tests: which alerts were raised (order id / kind). */
    Set<String> alertedKeys() {
        return HashSet.ofAll(alerted);
    }
}
