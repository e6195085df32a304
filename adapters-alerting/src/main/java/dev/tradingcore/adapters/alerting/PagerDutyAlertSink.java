package dev.tradingcore.adapters.alerting;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSink;
import java.util.Map;
import java.util.Objects;

/**
 * Alerts as PagerDuty Events API v2 events ({@link PagerDutyEvent}): a trigger for an alert, a resolve for the alert
 * that ends its incident, both with the incident's {@code dedup_key}. {@link #send} queues and returns at once; one
 * sender thread posts in order, so a resolve never overtakes its trigger. PagerDuty answers 202 when it took the
 * event; 429 (its rate limit) and 5xx are tried again after a doubling backoff; 400 (an invalid event, a wrong
 * routing key) is given up at once with PagerDuty's reason.
 *
 * <p>Which alerts reach it, and that one incident is one trigger however long it lasts, is {@link GroupedAlerts}'
 * job: wire this sink behind one. The routing key is in the request body only; it is cut out of every failure text
 * and is in no log line or {@link #toString()}.
 */
public final class PagerDutyAlertSink implements AlertSink, AutoCloseable {

    private final PagerDutySettings pagerDuty;
    private final JsonPost post;
    private final AlertQueue queue;

    private PagerDutyAlertSink(PagerDutySettings pagerDuty, DeliverySettings delivery) {
        this.pagerDuty = pagerDuty;
        this.post = new JsonPost(pagerDuty.eventsUrl(), delivery, pagerDuty::redact);
        this.queue = new AlertQueue("pagerduty " + WebhookAlertSink.describe(pagerDuty.eventsUrl()), this::deliver,
                delivery);
    }

    public static PagerDutyAlertSink start(PagerDutySettings pagerDuty, DeliverySettings delivery) {
        return new PagerDutyAlertSink(Objects.requireNonNull(pagerDuty, "pagerDuty"),
                Objects.requireNonNull(delivery, "delivery"));
    }

    @Override
    public void send(Alert alert) {
        queue.offer(alert);
    }

    private void deliver(Alert alert) throws DeliveryFailure, InterruptedException {
        try {
            post.post(PagerDutyEvent.of(alert, pagerDuty), Map.of());
        } catch (DeliveryFailure failure) {
            throw new DeliveryFailure("PagerDuty did not take the " + (alert.resolvesIncident() ? "resolve" : "trigger")
                    + " of " + PagerDutyEvent.dedupKey(alert) + ": " + failure.getMessage(), failure.retryable());
        }
    }

    /** Delivered, failed, dropped, retried. */
    public DeliveryStats stats() {
        return queue.stats();
    }

    /** Waits until the queue is empty and nothing is in flight, at most {@code millis}. */
    public boolean awaitIdle(long millis) throws InterruptedException {
        return queue.awaitIdle(millis);
    }

    @Override
    public void close() {
        queue.close();
        post.close();
    }

    @Override
    public String toString() {
        return "PagerDutyAlertSink[" + WebhookAlertSink.describe(pagerDuty.eventsUrl()) + ", routing key ***]";
    }
}
