package dev.tradingcore.adapters.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One JSON POST as the HTTP sinks (webhook, PagerDuty, Slack) make it, with the JDK client and every wait bounded:
 * 2xx is delivered; 5xx, 408, 429, a timeout or a broken connection are worth another attempt; any other status is
 * not (a wrong URL, key or payload does not heal), and its failure quotes the first 300 characters of the answer,
 * since that is where a service says what it did not like. {@code redact} runs over every text that leaves this
 * class, so that a secret the service echoes back is never printed.
 */
final class JsonPost implements AutoCloseable {

    private static final int QUOTED_ANSWER = 300;

    private final URI url;
    private final DeliverySettings settings;
    private final HttpClient client;
    private final UnaryOperator<String> redact;

    JsonPost(URI url, DeliverySettings settings, UnaryOperator<String> redact) {
        this.url = url;
        this.settings = settings;
        this.redact = redact;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Refuses anything but an absolute http(s) URL with a host; {@code what} names the setting in the message. */
    static URI requireHttp(URI url, String what) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException(what + " needs an absolute http or https URL with a host, got one with"
                    + " scheme '" + scheme + "'");
        }
        return url;
    }

    /** Posts {@code body}; returns the answer's body on 2xx. */
    String post(byte[] body, Map<String, String> headers) throws DeliveryFailure, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "trading-core-alerts")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailure("no answer within " + settings.requestTimeout().toMillis() + " ms", true, e);
        } catch (IOException e) {
            throw new DeliveryFailure(redact.apply("connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage())), true, e);
        }
        int status = response.statusCode();
        String answer = new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 200 && status < 300) {
            return answer;
        }
        boolean retryable = status >= 500 || status == 408 || status == 429;
        String quoted = answer.isBlank() ? ""
                : ": " + (answer.length() <= QUOTED_ANSWER ? answer : answer.substring(0, QUOTED_ANSWER) + "...")
                        .replaceAll("\\s+", " ").strip();
        throw new DeliveryFailure(redact.apply("HTTP " + status + quoted), retryable);
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
