package dev.tradingcore.adapters.broker.alpaca;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a request reaches the Trader API and its answer comes back: over HTTP ({@link #http}), or in-process to a
 * simulated exchange (the simulator's transport, which also injects the network's faults). The adapter reads every
 * answer the same way whichever carried it.
 *
 * <p>Failures are the JDK HTTP client's: {@link java.net.http.HttpConnectTimeoutException} when no connection was
 * made in time, {@link java.net.http.HttpTimeoutException} when no answer came in time, {@link java.net.ConnectException}
 * when the connection was refused, any other {@link IOException} when it broke.
 */
@FunctionalInterface
public interface AlpacaTransport {

    /** One request as sent. */
    record Request(String method, URI uri, Map<String, String> headers, Optional<String> body, Duration timeout) {
    }

    /** One answer as received. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    Response send(Request request) throws IOException, InterruptedException;

    /** The JDK HTTP client, HTTP/1.1, no redirects. */
    static AlpacaTransport http(Duration connectTimeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return request -> {
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
            request.headers().forEach(builder::header);
            builder.method(request.method(), request.body()
                    .map(text -> HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                    .orElseGet(HttpRequest.BodyPublishers::noBody));
            HttpResponse<String> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().map(), response.body());
        };
    }
}
