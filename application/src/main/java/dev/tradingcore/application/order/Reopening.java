package dev.tradingcore.application.order;

import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;

/**
 * An order we closed ourselves (cancelled or rejected because the broker did not have it yet) that the broker turns
 * out to work: its request landed late. The acknowledgement reopens it in our books ({@link Order#acknowledgedAs});
 * this tells a person, and when the order was closed because someone cancelled it, sends that cancel to the broker and
 * records the answer, so that what was asked for happens.
 */
public final class Reopening {

    private final BrokerGateway broker;
    private final OrderJournal journal;
    private final AlertSink alerts;
    private final Clock clock;

    public Reopening(BrokerGateway broker, OrderJournal journal, AlertSink alerts, Clock clock) {
        this.broker = broker;
        this.journal = journal;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Call with the order before and after an acknowledgement was recorded; does nothing unless it reopened. */
    public void after(Order before, Order after) {
        if (!after.wasReopenedFrom(before)) {
            return;
        }
        Instant at = clock.instant();
        boolean cancelWanted = before.status() == OrderStatus.CANCELLED;
        String outcome = "";
        if (cancelWanted && after.isOpen() && after.brokerOrderId().isDefined()) {
            Either<BrokerFailure, BrokerOrder> cancel = broker.cancel(after.brokerOrderId().get());
            if (cancel.isRight()) {
                BrokerOrder report = cancel.get();
                journal.change(after.orderId(), stored -> UpdatingOrderStatus.apply(stored, report, at));
                outcome = "; the cancel asked for was sent: the broker reports it " + report.rawStatus();
            } else {
                outcome = "; the cancel asked for could not be sent (" + cancel.getLeft().message()
                        + "): cancel it again";
            }
        }
        alerts.send(new Alert(AlertSeverity.HIGH, "Order reopened: the broker works an order we had closed",
                "order " + after.orderId() + " (" + after.side().code() + " " + after.quantity() + " " + after.symbol()
                        + ") was " + before.status().code() + " here because the broker did not have it; its request "
                        + "reached the broker after all, as " + after.brokerOrderId().map(Object::toString)
                        .getOrElse("?") + outcome,
                at, LinkedHashMap.of("order_id", after.orderId().value(), "symbol", after.symbol().value(),
                        "broker_order_id", after.brokerOrderId().map(Object::toString).getOrElse(""),
                        "previous_status", before.status().code(), "incident", "order/" + after.orderId()
                                + "/reopened")));
    }
}
