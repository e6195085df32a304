package dev.tradingcore.adapters.alerting;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSink;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Alerts as messages to a Slack-compatible incoming webhook ({@link SlackMessage}). Queued and sent in order by one
 * thread like the other remote sinks; Slack answers 200 {@code ok}, 429 and 5xx are retried after a backoff, a 4xx
 * ({@code invalid_payload}, {@code no_service}: a revoked hook) is given up at once with Slack's reason.
 *
 * <p>The webhook URL is the credential (whoever has it may post to the channel): logs, failures and
 * {@link #toString()} show its scheme, host and port only.
 */
public final class SlackAlertSink implements AlertSink, AutoCloseable {

    private final URI url;
    private final JsonPost post;
    private final AlertQueue queue;

    private SlackAlertSink(URI url, DeliverySettings delivery) {
        this.url = url;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        this.post = new JsonPost(url, delivery, text -> path.length() > 1 ? text.replace(path, "/***") : text);
        this.queue = new AlertQueue("slack " + WebhookAlertSink.describe(url), this::deliver, delivery);
    }

    /** Starts a sink posting to the incoming webhook {@code url}. */
    public static SlackAlertSink start(URI url, DeliverySettings delivery) {
        Objects.requireNonNull(url, "url");
        JsonPost.requireHttp(url, "a Slack webhook");
        return new SlackAlertSink(url, Objects.requireNonNull(delivery, "delivery"));
    }

    @Override
    public void send(Alert alert) {
        queue.offer(alert);
    }

    private void deliver(Alert alert) throws DeliveryFailure, InterruptedException {
        post.post(SlackMessage.of(alert), Map.of());
    }

    public DeliveryStats stats() {
        return queue.stats();
    }

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
        return "SlackAlertSink[" + WebhookAlertSink.describe(url) + "/***]";
    }
}
