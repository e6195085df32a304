package dev.tradingcore.crash;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The paper exchange as the crash test reads it: plain HTTP in the shapes of the Alpaca Trader API v2, on its own
 * (no class of the REST adapter), so that the check does not share a bug with what it checks.
 */
final class ExchangeApi {

    /**
     * A FILL activity, its trade id as the REST adapter derives it: the execution id after "::"; {@code executedAt} is
     * its {@code transaction_time}.
     */
    record Fill(String activityId, String tradeId, String orderId, String symbol, String side, BigDecimal quantity,
            BigDecimal price, Instant executedAt) {}

    /** An order as the exchange knows it. */
    record Order(String id, String clientOrderId, String symbol, String side, String status, BigDecimal quantity,
            BigDecimal filledQuantity) {

        boolean isClosed() {
            return CLOSED.contains(status);
        }
    }

    /** The exchange's statuses after which an order can change no more. */
    static final Set<String> CLOSED = Set.of("filled", "canceled", "expired", "rejected", "replaced");

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
    private static final int PAGE_SIZE = 100;
    private static final int ATTEMPTS = 5;

    private final URI base;
    private final String keyId;
    private final String secretKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ExchangeApi(URI base, String keyId, String secretKey) {
        this.base = base;
        this.keyId = keyId;
        this.secretKey = secretKey;
    }

    URI base() {
        return base;
    }

    /** Whether the exchange answers an authenticated request at all. */
    boolean answers() {
        try {
            return send("GET", "/v2/account").statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Every FILL activity, oldest first, read page by page. */
    List<Fill> fills() {
        List<Fill> fills = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int page = 0; page < 100_000; page++) {
            String path = "/v2/account/activities/FILL?direction=asc&page_size=" + PAGE_SIZE
                    + (token == null ? "" : "&page_token=" + encode(token));
            JsonNode answer = json(send("GET", path), path);
            if (!answer.isArray()) {
                throw new IllegalStateException("GET " + path + " did not answer an array: " + answer);
            }
            int fresh = 0;
            for (JsonNode node : answer) {
                String id = text(node, "id");
                if (seen.add(id)) {
                    fresh++;
                    int separator = id.indexOf("::");
                    fills.add(new Fill(id, separator >= 0 ? id.substring(separator + 2) : id, text(node, "order_id"),
                            text(node, "symbol"), text(node, "side"), decimal(node, "qty"), decimal(node, "price"),
                            Instant.parse(text(node, "transaction_time"))));
                }
                token = id;
            }
            if (answer.size() < PAGE_SIZE || fresh == 0) {
                return fills;
            }
        }
        throw new IllegalStateException("the exchange's fill activities did not end after 100000 pages");
    }

    /** The open positions, signed (short negative), by symbol. */
    Map<String, BigDecimal> positions() {
        JsonNode answer = json(send("GET", "/v2/positions"), "/v2/positions");
        Map<String, BigDecimal> positions = new java.util.TreeMap<>();
        for (JsonNode node : answer) {
            BigDecimal qty = decimal(node, "qty");
            if ("short".equals(node.path("side").asText()) && qty.signum() > 0) {
                qty = qty.negate();
            }
            positions.merge(text(node, "symbol"), qty, BigDecimal::add);
        }
        return positions;
    }

    /** The orders still open. */
    List<Order> openOrders() {
        return orders("/v2/orders?status=open&limit=500&direction=asc");
    }

    /**
     * Every order, oldest first. Pages by creation time: each page starts a nanosecond before the newest order of the
     * last one, so orders created in the same instant are never skipped (repeats are dropped by id).
     */
    List<Order> allOrders() {
        Map<String, Order> orders = new LinkedHashMap<>();
        String after = null;
        for (int page = 0; page < 100_000; page++) {
            String path = "/v2/orders?status=all&limit=500&direction=asc"
                    + (after == null ? "" : "&after=" + encode(after));
            JsonNode answer = json(send("GET", path), path);
            int fresh = 0;
            String newest = null;
            for (JsonNode node : answer) {
                Order order = order(node);
                if (orders.putIfAbsent(order.id(), order) == null) {
                    fresh++;
                }
                newest = text(node, "created_at");
            }
            if (fresh == 0 || newest == null) {
                return List.copyOf(orders.values());
            }
            after = Instant.parse(newest).minusNanos(1).toString();
        }
        throw new IllegalStateException("the exchange's orders did not end after 100000 pages");
    }

    /** An answer as it came: status and body. */
    record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("the exchange answered no JSON: " + body, e);
            }
        }
    }

    /**
     * {@code POST /v2/orders} with this JSON body, sent once: an order request is not repeated on a failure (the
     * repeat would be refused as a duplicate, or be another order).
     */
    Answer submit(String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v2/orders")).timeout(Duration.ofSeconds(10))
                .header("APCA-API-KEY-ID", keyId).header("APCA-API-SECRET-KEY", secretKey)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + base + "/v2/orders failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("POST /v2/orders was interrupted", e);
        }
    }

    /** An order by the exchange's id; empty on 404. */
    Optional<Order> order(String id) {
        return maybeOrder("/v2/orders/" + encode(id));
    }

    /** DELETE /v2/orders/{id}: 204 when cancelled, 422 when it is no longer open (e.g. it filled meanwhile). */
    int cancel(String id) {
        return send("DELETE", "/v2/orders/" + encode(id)).statusCode();
    }

    private Optional<Order> maybeOrder(String path) {
        HttpResponse<String> response = send("GET", path);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(order(json(response, path)));
    }

    private List<Order> orders(String path) {
        List<Order> orders = new ArrayList<>();
        for (JsonNode node : json(send("GET", path), path)) {
            orders.add(order(node));
        }
        return orders;
    }

    private static Order order(JsonNode node) {
        return new Order(text(node, "id"), node.path("client_order_id").asText(null), text(node, "symbol"),
                text(node, "side"), text(node, "status"),
                node.hasNonNull("qty") ? decimal(node, "qty") : BigDecimal.ZERO,
                node.hasNonNull("filled_qty") ? decimal(node, "filled_qty") : BigDecimal.ZERO);
    }

    /**
     * One request, repeated (at most {@value #ATTEMPTS} times) on what an exchange with injected faults answers now and
     * then: a 5xx, a 429, a dropped or late answer. The test's reads and cancels are all safe to repeat.
     */
    private HttpResponse<String> send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("APCA-API-KEY-ID", keyId).header("APCA-API-SECRET-KEY", secretKey)
                .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.noBody()).build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if ((response.statusCode() / 100 != 5 && response.statusCode() != 429) || attempt == ATTEMPTS) {
                    return response;
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw new UncheckedIOException(method + " " + base + path + " failed: " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(method + " " + path + " was interrupted", e);
            }
            try {
                Thread.sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(method + " " + path + " was interrupted", e);
            }
        }
    }

    private static JsonNode json(HttpResponse<String> response, String path) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " answered no JSON: " + response.body(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("the exchange's JSON has no " + field + ": " + node);
        }
        return value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return new BigDecimal(text(node, field));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
