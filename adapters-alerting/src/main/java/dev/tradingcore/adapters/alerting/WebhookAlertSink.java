package dev.tradingcore.adapters.alerting;

import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Alerts POSTed as JSON ({@link AlertJson}: severity, title, message, at, context) to a URL: a pager's or a chat's
 * incoming webhook, or a relay in front of one. {@link #send} queues and returns at once; one sender thread posts
 * in order with the JDK HTTP client, every wait bounded ({@link DeliverySettings}).
 *
 * <ul>
 *   <li>2xx: delivered.</li>
 *   <li>5xx, 408, 429, a timeout or a connection failure: tried again after a doubling backoff.</li>
 *   <li>Any other status (400, 401, 403, 404...): given up at once, because a wrong URL or token does not heal.</li>
 * </ul>
 *
 * An optional bearer token goes in the {@code Authorization} header and nowhere else; logs name the target by scheme,
 * host and port only, since webhook paths often carry a secret of their own (Slack's do).
 */
public final class WebhookAlertSink implements AlertSink, AutoCloseable {

    private final URI url;
    private final Optional<String> bearerToken;
    private final DeliverySettings settings;
    private final HttpClient client;
    private final AlertQueue queue;

    private WebhookAlertSink(URI url, Optional<String> bearerToken, DeliverySettings settings) {
        this.url = url;
        this.bearerToken = bearerToken;
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.queue = new AlertQueue("webhook " + describe(url), this::post, settings);
    }

    /**
     * Starts a sink posting to {@code url} (http or https).
     *
     * @param bearerToken sent as {@code Authorization: Bearer ...} when present
     * @throws IllegalArgumentException when the URL is not an absolute http(s) URL
     */
    public static WebhookAlertSink start(URI url, Optional<String> bearerToken, DeliverySettings settings) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(settings, "settings");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("an alert webhook needs an absolute http or https URL with a host, got"
                    + " one with scheme '" + scheme + "'");
        }
        Optional<String> token = bearerToken.map(String::strip).filter(t -> !t.isEmpty());
        if (token.isPresent() && token.get().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("the alert webhook token must be printable ASCII without spaces");
        }
        return new WebhookAlertSink(url, token, settings);
    }

    /** Scheme, host and port: how logs and failures name the target. */
    static String describe(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return url.getScheme() + "://" + url.getHost() + ":" + port;
    }

    @Override
    public void send(Alert alert) {
        queue.offer(alert);
    }

    private void post(Alert alert) throws DeliveryFailure, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "trading-core-alerts")
                .POST(HttpRequest.BodyPublishers.ofByteArray(AlertJson.of(alert)));
        bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailure("no answer within " + settings.requestTimeout().toMillis() + " ms", true, e);
        } catch (IOException e) {
            throw new DeliveryFailure("connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        boolean retryable = status >= 500 || status == 408 || status == 429;
        throw new DeliveryFailure("HTTP " + status, retryable);
    }

    /** Delivered, failed, dropped, retried. */
    public DeliveryStats stats() {
        return queue.stats();
    }

    /** Waits until the queue is empty and nothing is in flight, at most {@code millis}; for tests and shutdown. */
    public boolean awaitIdle(long millis) throws InterruptedException {
        return queue.awaitIdle(millis);
    }

    /** Delivers what is queued (bounded by the close timeout) and stops the sender thread. */
    @Override
    public void close() {
        queue.close();
        client.shutdownNow();
    }

    @Override
    public String toString() {
        return "WebhookAlertSink[" + describe(url) + (bearerToken.isPresent() ? ", bearer ***" : "") + "]";
    }
}
