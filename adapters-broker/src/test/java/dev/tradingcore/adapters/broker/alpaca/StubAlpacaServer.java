package dev.tradingcore.adapters.broker.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A small HTTP server answering with the JSON shapes the Alpaca spec documents: each answer starts from the spec's
 * own example ({@code Order} example-1, {@code Position} example-2, {@code TradingActivities} example-1) and changes
 * only the fields the request decides. It keeps just enough state for the broker contract: orders by id and client
 * order id, fills at a fixed price of 174.78 when the test steps, positions from those fills. A test can also script
 * the next answer verbatim (status, headers, body, delay) to check how the adapter reads errors.
 */
final class StubAlpacaServer implements AutoCloseable {

    /** The account this stub is: another stub is another account. */
    private final String accountId = java.util.UUID.randomUUID().toString();

    static final String KEY = "stub-key-id-AKFZ";
    static final String SECRET = "stub-secret-9f8e7d6c";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILL_PRICE = "174.78";

    /** The spec's Order example-1, with qty instead of notional as our orders have. */
    static final String ORDER_EXAMPLE = """
            {"id":"61e69015-8549-4bfd-b9c3-01e75843f47d","client_order_id":"eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4",
             "created_at":"2021-03-16T18:38:01.942282Z","updated_at":"2021-03-16T18:38:01.942282Z",
             "submitted_at":"2021-03-16T18:38:01.937734Z","filled_at":null,"expired_at":null,"canceled_at":null,
             "failed_at":null,"replaced_at":null,"replaced_by":null,"replaces":null,
             "asset_id":"b0b6dd9d-8b9b-48a9-ba46-b9d54906e415","symbol":"AAPL","asset_class":"us_equity",
             "notional":null,"qty":"2","filled_qty":"0","filled_avg_price":null,"order_class":"",
             "order_type":"market","type":"market","side":"buy","time_in_force":"day","limit_price":null,
             "stop_price":null,"status":"accepted","extended_hours":false,"legs":null,"trail_percent":null,
             "trail_price":null,"hwm":null}""";

    /** The spec's Position example-2. */
    static final String POSITION_EXAMPLE = """
            {"asset_id":"b0b6dd9d-8b9b-48a9-ba46-b9d54906e415","symbol":"AAPL","exchange":"NASDAQ",
             "asset_class":"us_equity","asset_marginable":false,"qty":"2","qty_available":"2",
             "avg_entry_price":"174.78","side":"long","market_value":"348.58","cost_basis":"349.56",
             "unrealized_pl":"-0.98","unrealized_plpc":"-0.0028035244307129","unrealized_intraday_pl":"-0.98",
             "unrealized_intraday_plpc":"-0.0028035244307129","current_price":"174.29","lastday_price":"174.61",
             "change_today":"-0.0018326556325525"}""";

    /** The spec's TradingActivities example-1. */
    static final String FILL_EXAMPLE = """
            {"id":"20220202135509981::2d7be4ff-d1f3-43e9-856a-0f5cf5c5088e","activity_type":"FILL",
             "transaction_time":"2022-02-02T18:55:09.981482Z","type":"fill","price":"174.78","qty":"2",
             "side":"buy","symbol":"AAPL","leaves_qty":"0","order_id":"b5abe576-6a8a-49f3-a353-46b72c1ccae9",
             "cum_qty":"2","order_status":"filled"}""";

    /** A scripted answer. */
    record Canned(int status, Map<String, String> headers, String body, Duration delay, boolean drop) {

        static Canned of(int status, String body) {
            return new Canned(status, Map.of(), body, Duration.ZERO, false);
        }
    }

    private final HttpServer server;
    private final Clock clock;
    private final Deque<Canned> script = new ArrayDeque<>();
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final Map<String, String> byClientOrderId = new HashMap<>();
    private final List<ObjectNode> fills = new ArrayList<>();
    private final Map<String, BigDecimal> positions = new LinkedHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private int counter;
    private BigDecimal fillPerStep;

    StubAlpacaServer(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "stub-alpaca");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    AlpacaSettings settings() {
        return AlpacaSettings.of(uri(), KEY, SECRET).withRequestTimeout(Duration.ofMillis(800)).withPageSize(2);
    }

    synchronized StubAlpacaServer thenAnswer(Canned canned) {
        script.add(canned);
        return this;
    }

    synchronized StubAlpacaServer thenAnswer(int status, String body) {
        return thenAnswer(Canned.of(status, body));
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** From now on a step fills at most {@code quantity} of an order (the rest on later steps); all of it by default. */
    synchronized StubAlpacaServer fillingAtMost(BigDecimal quantity) {
        fillPerStep = quantity;
        return this;
    }

    /** Fills every open market order at 174.78: completely, or up to {@link #fillingAtMost} of it. */
    synchronized void step() {
        for (ObjectNode order : orders.values()) {
            String status = order.get("status").asText();
            if (!OPEN.contains(status)) {
                continue;
            }
            if (!"market".equals(order.get("type").asText())) {
                continue;
            }
            String at = clock.instant().toString();
            BigDecimal ordered = new BigDecimal(order.get("qty").asText());
            BigDecimal filledBefore = new BigDecimal(order.get("filled_qty").asText());
            BigDecimal slice = ordered.subtract(filledBefore);
            if (fillPerStep != null) {
                slice = slice.min(fillPerStep);
            }
            BigDecimal filled = filledBefore.add(slice);
            boolean complete = filled.compareTo(ordered) == 0;
            order.put("status", complete ? "filled" : "partially_filled").put("filled_qty", filled.toPlainString())
                    .put("filled_avg_price", FILL_PRICE).put("updated_at", at);
            if (complete) {
                order.put("filled_at", at);
            }
            ObjectNode fill = (ObjectNode) read(FILL_EXAMPLE);
            String execution = String.format("2d7be4ff-d1f3-43e9-856a-%012d", ++counter);
            fill.put("id", "20220202135509981::" + execution).put("transaction_time", at)
                    .put("qty", slice.toPlainString()).put("side", order.get("side").asText())
                    .put("symbol", order.get("symbol").asText()).put("order_id", order.get("id").asText())
                    .put("cum_qty", filled.toPlainString())
                    .put("leaves_qty", ordered.subtract(filled).toPlainString())
                    .put("type", complete ? "fill" : "partial_fill");
            fills.add(fill);
            BigDecimal signed = "sell".equals(order.get("side").asText()) ? slice.negate() : slice;
            positions.merge(order.get("symbol").asText(), signed, BigDecimal::add);
        }
    }

    /** The statuses of an order the stub still works. */
    private static final List<String> OPEN = List.of("accepted", "new", "partially_filled");

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            Canned canned;
            synchronized (this) {
                requests.add(http.getRequestMethod() + " " + http.getRequestURI());
                canned = script.poll();
                if (canned == null) {
                    canned = answer(http);
                }
            }
            if (!canned.delay().isZero()) {
                Thread.sleep(canned.delay().toMillis());
            }
            if (canned.drop()) {
                return;
            }
            canned.headers().forEach((name, value) -> http.getResponseHeaders().add(name, value));
            if (canned.body() == null) {
                http.sendResponseHeaders(canned.status(), -1);
                return;
            }
            byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().set("Content-Type", "application/json");
            http.sendResponseHeaders(canned.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = http.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Canned answer(HttpExchange http) throws IOException {
        if (!KEY.equals(http.getRequestHeaders().getFirst("APCA-API-KEY-ID"))
                || !SECRET.equals(http.getRequestHeaders().getFirst("APCA-API-SECRET-KEY"))) {
            return Canned.of(401, "{\"code\":40110000,\"message\":\"request is not authorized\"}");
        }
        String method = http.getRequestMethod();
        String path = http.getRequestURI().getRawPath();
        Map<String, String> query = new HashMap<>();
        String raw = http.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
            }
        }
        if (method.equals("POST") && path.equals("/v2/orders")) {
            return submit((ObjectNode) JSON.readTree(http.getRequestBody()));
        }
        if (method.equals("GET") && path.equals("/v2/orders:by_client_order_id")) {
            String id = byClientOrderId.get(query.get("client_order_id"));
            return id == null ? notFound() : Canned.of(200, orders.get(id).toString());
        }
        if (path.startsWith("/v2/orders/")) {
            ObjectNode order = orders.get(path.substring("/v2/orders/".length()));
            if (order == null) {
                return notFound();
            }
            if (method.equals("DELETE")) {
                String status = order.get("status").asText();
                if (!OPEN.contains(status)) {
                    return Canned.of(422, "{\"code\":42210000,\"message\":\"order is not cancelable\"}");
                }
                String at = clock.instant().toString();
                order.put("status", "canceled").put("canceled_at", at).put("updated_at", at);
                return Canned.of(204, null);
            }
            return Canned.of(200, order.toString());
        }
        if (method.equals("GET") && path.equals("/v2/orders")) {
            ArrayNode open = JSON.createArrayNode();
            orders.values().stream().filter(o -> OPEN.contains(o.get("status").asText())).forEach(open::add);
            return Canned.of(200, open.toString());
        }
        if (method.equals("GET") && path.equals("/v2/account")) {
            return Canned.of(200, "{\"id\":\"" + accountId + "\",\"account_number\":\"PA0000000001\","
                    + "\"status\":\"ACTIVE\",\"currency\":\"USD\"}");
        }
        if (method.equals("GET") && path.equals("/v2/positions")) {
            ArrayNode array = JSON.createArrayNode();
            positions.forEach((symbol, quantity) -> {
                if (quantity.signum() != 0) {
                    ObjectNode position = (ObjectNode) read(POSITION_EXAMPLE);
                    position.put("symbol", symbol).put("qty", quantity.toPlainString())
                            .put("qty_available", quantity.toPlainString())
                            .put("side", quantity.signum() < 0 ? "short" : "long");
                    array.add(position);
                }
            });
            return Canned.of(200, array.toString());
        }
        if (method.equals("GET") && path.equals("/v2/account/activities/FILL")) {
            java.time.Instant after = java.time.Instant.parse(query.get("after"));
            int size = Integer.parseInt(query.getOrDefault("page_size", "100"));
            List<ObjectNode> selected = fills.stream()
                    .filter(f -> java.time.Instant.parse(f.get("transaction_time").asText()).isAfter(after))
                    .toList();
            String token = query.get("page_token");
            int start = 0;
            if (token != null) {
                for (int i = 0; i < selected.size(); i++) {
                    if (selected.get(i).get("id").asText().equals(token)) {
                        start = i + 1;
                    }
                }
            }
            ArrayNode page = JSON.createArrayNode();
            selected.stream().skip(start).limit(size).forEach(page::add);
            return Canned.of(200, page.toString());
        }
        return notFound();
    }

    private Canned submit(ObjectNode request) {
        String clientOrderId = request.get("client_order_id").asText();
        if (byClientOrderId.containsKey(clientOrderId)) {
            return Canned.of(422, "{\"code\":40010001,\"message\":\"client_order_id must be unique\"}");
        }
        BigDecimal quantity = new BigDecimal(request.get("qty").asText());
        if (quantity.signum() <= 0) {
            return Canned.of(422, "{\"code\":40010001,\"message\":\"qty must be > 0\"}");
        }
        String symbol = request.get("symbol").asText();
        if (!List.of("AAPL", "MSFT").contains(symbol)) {
            return Canned.of(422, "{\"code\":40010001,\"message\":\"asset \\\"" + symbol + "\\\" not found\"}");
        }
        String type = request.get("type").asText();
        if (type.contains("limit") && !request.hasNonNull("limit_price")) {
            return Canned.of(422, "{\"code\":40010001,\"message\":\"limit_price is required\"}");
        }
        ObjectNode order = (ObjectNode) read(ORDER_EXAMPLE);
        String id = String.format("61e69015-8549-4bfd-b9c3-%012d", ++counter);
        String at = clock.instant().toString();
        order.put("id", id).put("client_order_id", clientOrderId).put("symbol", symbol)
                .put("qty", request.get("qty").asText()).put("side", request.get("side").asText())
                .put("type", type).put("order_type", type).put("time_in_force", request.get("time_in_force").asText())
                .put("created_at", at).put("updated_at", at).put("submitted_at", at);
        if (request.hasNonNull("limit_price")) {
            order.put("limit_price", request.get("limit_price").asText());
        }
        orders.put(id, order);
        byClientOrderId.put(clientOrderId, id);
        return Canned.of(200, order.toString());
    }

    private static Canned notFound() {
        return Canned.of(404, "{\"code\":40410000,\"message\":\"order not found\"}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
