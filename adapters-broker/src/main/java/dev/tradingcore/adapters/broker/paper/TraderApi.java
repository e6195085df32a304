package dev.tradingcore.adapters.broker.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tradingcore.adapters.broker.simulated.NewOrder;
import dev.tradingcore.adapters.broker.simulated.Operation;
import dev.tradingcore.adapters.broker.simulated.Refusal;
import dev.tradingcore.adapters.broker.simulated.SimFill;
import dev.tradingcore.adapters.broker.simulated.SimOrder;
import dev.tradingcore.adapters.broker.simulated.SimPosition;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Alpaca Trader API v2 over a {@link SimulatedExchange}, with no socket: a request (method, path, query,
 * headers, body) in, a response (status, body) out. {@link PaperExchange} serves it over HTTP; the simulator calls it
 * in-process through {@link InProcessTransport}, so that the REST adapter's reading of real JSON runs thousands of
 * times a minute without a network.
 *
 * <p>Endpoints, as the spec ({@code alpaca-trader-api-openapi.yaml}) names them and the official clients call them:
 * {@code POST /v2/orders}, {@code GET /v2/orders}, {@code DELETE /v2/orders} (cancel all, 207),
 * {@code GET /v2/orders/{order_id}}, {@code DELETE /v2/orders/{order_id}}, {@code GET /v2/orders:by_client_order_id}
 * (not in the spec; what the clients' "order by client id" calls), {@code GET /v2/positions},
 * {@code DELETE /v2/positions} (close all, 207), {@code GET} and {@code DELETE /v2/positions/{symbol_or_asset_id}},
 * {@code GET /v2/account}, {@code GET /v2/account/activities} (with {@code activity_types}) and
 * {@code GET /v2/account/activities/{activity_type}}: FILL activities are the fills, the spec's other types exist
 * and are always empty, an unknown type is 422. Every request needs the configured {@code APCA-API-KEY-ID} and
 * {@code APCA-API-SECRET-KEY} (401 otherwise). Errors have Alpaca's body {@code {"code": n, "message": "..."}}.
 *
 * <p>Thread-safe: the exchange serialises its own state.
 */
public final class TraderApi {

    private static final int DEFAULT_ORDER_LIMIT = 50;
    private static final int MAX_ORDER_LIMIT = 500;
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final java.time.ZoneId MARKET_ZONE = java.time.ZoneId.of("America/New_York");
    /** The spec's ActivityType values: FILL is served from the fills, every other one has no entries here. */
    static final java.util.Set<String> ACTIVITY_TYPES = java.util.Set.of("FILL", "TRANS", "MISC", "ACATC", "ACATS",
            "CSD", "CSW", "DIV", "DIVCGL", "DIVCGS", "DIVFEE", "DIVFT", "DIVNRA", "DIVROC", "DIVTW", "DIVTXEX", "INT",
            "INTNRA", "INTTW", "JNL", "JNLC", "JNLS", "MA", "NC", "OPASN", "OPEXP", "OPXRC", "PTC", "PTR", "REORG",
            "SC", "SSO", "SSP", "CFEE", "FEE");

    private final SimulatedExchange exchange;
    private final String keyId;
    private final String secretKey;
    private final String accountId;
    private final Instant startedAt;
    private final java.util.function.Predicate<SimFill> published;

    /**
     * @param startedAt the account's creation time as the API reports it
     */
    public TraderApi(SimulatedExchange exchange, String keyId, String secretKey, Instant startedAt) {
        this(exchange, keyId, secretKey, startedAt, fill -> true);
    }

    /**
     * @param published which executions the activity feed shows yet: a real broker publishes some late, and out of
     *     execution order; the simulator says which (the paper exchange publishes every one at once)
     */
    public TraderApi(SimulatedExchange exchange, String keyId, String secretKey, Instant startedAt,
            java.util.function.Predicate<SimFill> published) {
        this.published = published;
        this.exchange = exchange;
        this.keyId = keyId;
        this.secretKey = secretKey;
        // The simulation's own account: another paper exchange (even of the same seed) is another account.
        this.accountId = exchange.accountId();
        this.startedAt = startedAt;
    }

    public SimulatedExchange exchange() {
        return exchange;
    }

    /**
     * One request.
     *
     * @param headers request headers; names are compared without case
     */
    public record Request(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {

        public Request {
            if (method == null || rawPath == null || headers == null) {
                throw new IllegalArgumentException("a request needs a method, a path and headers");
            }
            TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            caseless.putAll(headers);
            headers = java.util.Collections.unmodifiableMap(caseless);
            body = body == null ? new byte[0] : body;
        }
    }

    /**
     * One response.
     *
     * @param body the JSON body; none for 204
     * @param headers response headers beside the content type (e.g. {@code Retry-After})
     */
    public record Response(int status, Option<JsonNode> body, Map<String, String> headers) {

        /** The body as the wire carries it; empty for none. */
        public String bodyText() {
            return body.map(node -> {
                try {
                    return AlpacaShapes.JSON.writeValueAsString(node);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("cannot write a JSON answer", e);
                }
            }).getOrElse("");
        }
    }

    /** The operation a request names, for fault injection; none for a path that is no endpoint. */
    public static Option<Operation> operationOf(String method, String rawPath) {
        return route(method, rawPath).operation();
    }

    /** Answers one request. */
    public Response handle(Request request) {
        if (!authorized(request)) {
            return response(401, AlpacaShapes.error(40110000L, "request is not authorized"));
        }
        Route route = route(request.method(), request.rawPath());
        if (route.operation().isEmpty()) {
            return response(route.status(), AlpacaShapes.error(route.status() == 405 ? 40510000L : 40410000L,
                    route.status() == 405 ? "method not allowed" : "endpoint not found"));
        }
        Answer answer = answer(route, request.body(), query(request.rawQuery()));
        return new Response(answer.status(), Option.of(answer.body()), Map.of());
    }

    private static Response response(int status, JsonNode body) {
        return new Response(status, Option.of(body), Map.of());
    }

    /** Whether the request carries the configured credentials. */
    public boolean authorizes(Request request) {
        return authorized(request);
    }

    private boolean authorized(Request request) {
        String key = request.headers().get("APCA-API-KEY-ID");
        String secret = request.headers().get("APCA-API-SECRET-KEY");
        return key != null && secret != null && same(key, keyId) && same(secret, secretKey);
    }

    /** What a path names: an operation of the API, or a status for no such endpoint. */
    record Route(Option<Operation> operation, String name, String argument, int status) {

        static Route of(Operation operation, String name, String argument) {
            return new Route(Option.some(operation), name, argument, 200);
        }

        static Route none(int status) {
            return new Route(Option.none(), "", "", status);
        }
    }

    static Route route(String method, String path) {
        String orderPrefix = "/v2/orders/";
        String positionPrefix = "/v2/positions/";
        String activityPrefix = "/v2/account/activities/";
        boolean get = "GET".equals(method);
        boolean delete = "DELETE".equals(method);
        if ("/v2/orders".equals(path)) {
            return "POST".equals(method) ? Route.of(Operation.SUBMIT, "submit", "")
                    : get ? Route.of(Operation.OPEN_ORDERS, "orders", "")
                    : delete ? Route.of(Operation.CANCEL, "cancel-all", "") : Route.none(405);
        }
        if ("/v2/orders:by_client_order_id".equals(path)) {
            return get ? Route.of(Operation.ORDER_BY_CLIENT_ORDER_ID, "by_client_order_id", "") : Route.none(405);
        }
        if (path.startsWith(orderPrefix) && path.length() > orderPrefix.length()) {
            String id = decode(path.substring(orderPrefix.length()));
            return get ? Route.of(Operation.ORDER_BY_ID, "order", id)
                    : "DELETE".equals(method) ? Route.of(Operation.CANCEL, "cancel", id) : Route.none(405);
        }
        if ("/v2/positions".equals(path)) {
            return get ? Route.of(Operation.POSITIONS, "positions", "")
                    : delete ? Route.of(Operation.SUBMIT, "close-all", "") : Route.none(405);
        }
        if (path.startsWith(positionPrefix) && path.length() > positionPrefix.length()) {
            String symbolOrAssetId = decode(path.substring(positionPrefix.length()));
            return get ? Route.of(Operation.POSITIONS, "position", symbolOrAssetId)
                    : delete ? Route.of(Operation.SUBMIT, "close", symbolOrAssetId) : Route.none(405);
        }
        if ("/v2/clock".equals(path)) {
            return get ? Route.of(Operation.ACCOUNT, "clock", "") : Route.none(405);
        }
        if ("/v2/calendar".equals(path)) {
            return get ? Route.of(Operation.ACCOUNT, "calendar", "") : Route.none(405);
        }
        if ("/v2/account".equals(path)) {
            return get ? Route.of(Operation.ACCOUNT, "account", "") : Route.none(405);
        }
        if ("/v2/account/activities".equals(path)) {
            return get ? Route.of(Operation.FILLS, "activities", "") : Route.none(405);
        }
        if (path.startsWith(activityPrefix) && path.length() > activityPrefix.length()) {
            String type = decode(path.substring(activityPrefix.length()));
            return get ? Route.of(Operation.FILLS, "activities-of-type", type) : Route.none(405);
        }
        return Route.none(404);
    }

    record Answer(int status, JsonNode body) {
    }

    private static Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    private static Answer refused(Refusal refusal) {
        return new Answer(refusal.status(), AlpacaShapes.error(refusal.code(), refusal.message()));
    }

    private static Answer invalid(String message) {
        return new Answer(422, AlpacaShapes.error(Refusal.INVALID, message));
    }

    /** {@code start} and {@code end} (dates, both included) default to today and 30 days on; at most 5 years. */
    private Answer calendar(Map<String, String> query) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(exchange.time(), MarketHours.NEW_YORK);
        java.time.LocalDate start;
        java.time.LocalDate end;
        try {
            start = Option.of(query.get("start")).filter(s -> !s.isBlank()).map(java.time.LocalDate::parse)
                    .getOrElse(today);
            end = Option.of(query.get("end")).filter(s -> !s.isBlank()).map(java.time.LocalDate::parse)
                    .getOrElse(start.plusDays(30));
        } catch (java.time.format.DateTimeParseException e) {
            return invalid("start and end must be dates such as 2026-12-03");
        }
        if (end.isBefore(start) || end.isAfter(start.plusYears(5))) {
            return invalid("end must be on or after start, and at most 5 years after it");
        }
        return ok(MarketHours.calendar(start, end));
    }

    private static Answer positionNotFound() {
        return refused(new Refusal(404, Refusal.NOT_FOUND, "position does not exist"));
    }

    private Answer answer(Route route, byte[] body, Map<String, String> query) {
        return switch (route.name()) {
            case "submit" -> submit(body);
            case "orders" -> orders(query);
            case "order" -> exchange.order(route.argument()).map(o -> ok(AlpacaShapes.order(o)))
                    .getOrElse(() -> refused(new Refusal(404, Refusal.NOT_FOUND, "order not found")));
            case "by_client_order_id" -> Option.of(query.get("client_order_id")).filter(s -> !s.isBlank())
                    .map(id -> exchange.orderByClientOrderId(id).map(o -> ok(AlpacaShapes.order(o)))
                            .getOrElse(() -> refused(new Refusal(404, Refusal.NOT_FOUND, "order not found"))))
                    .getOrElse(() -> invalid("client_order_id is required"));
            case "cancel" -> exchange.cancel(route.argument()).fold(TraderApi::refused,
                    canceled -> new Answer(204, null));
            case "cancel-all" -> cancelAll();
            case "positions" -> ok(positions(exchange.positions()));
            case "position" -> position(route.argument())
                    .map(p -> ok(AlpacaShapes.position(p, exchange.price(p.symbol()).get())))
                    .getOrElse(TraderApi::positionNotFound);
            case "close" -> close(route.argument(), query);
            case "close-all" -> closeAll(query);
            case "account" -> ok(AlpacaShapes.account(exchange.account(), accountId, startedAt));
            case "clock" -> ok(MarketHours.clock(exchange.time()));
            case "calendar" -> calendar(query);
            case "activities" -> activities(Option.of(query.get("activity_types")).filter(t -> !t.isBlank())
                    .map(t -> List.of(t.split(",")).map(String::strip)), query);
            case "activities-of-type" -> activities(Option.some(List.of(route.argument())), query);
            default -> throw new IllegalStateException("no handler for route " + route.name());
        };
    }

    /** An open position by its symbol or its asset id, as {@code /v2/positions/{symbol_or_asset_id}} names it. */
    private Option<SimPosition> position(String symbolOrAssetId) {
        return exchange.positions().find(p -> p.symbol().value().equals(symbolOrAssetId)
                || AlpacaShapes.assetId(p.symbol().value()).equalsIgnoreCase(symbolOrAssetId));
    }

    /**
     * {@code DELETE /v2/positions/{symbol_or_asset_id}}: a market day order for the whole position, or {@code qty}
     * of it, or {@code percentage} of it (whole shares when the position is whole, as the spec says), on the side that
     * reduces it. What other open orders already hold to reduce it is not available (403, as Alpaca answers).
     */
    private Answer close(String symbolOrAssetId, Map<String, String> query) {
        Option<SimPosition> found = position(symbolOrAssetId);
        if (found.isEmpty()) {
            return positionNotFound();
        }
        SimPosition position = found.get();
        String qtyText = query.get("qty");
        String percentText = query.get("percentage");
        if (qtyText != null && percentText != null) {
            return invalid("qty and percentage cannot be given together");
        }
        BigDecimal held = position.quantity().abs();
        BigDecimal quantity = held;
        if (qtyText != null) {
            Option<BigDecimal> qty = decimal(qtyText);
            if (qty.isEmpty() || qty.get().signum() <= 0) {
                return invalid("qty must be a number above 0, got " + quote(qtyText));
            }
            quantity = qty.get();
        } else if (percentText != null) {
            Option<BigDecimal> percent = decimal(percentText);
            if (percent.isEmpty() || percent.get().signum() <= 0 || percent.get().compareTo(HUNDRED) > 0) {
                return invalid("percentage must be a number above 0 and at most 100, got " + quote(percentText));
            }
            BigDecimal share = held.multiply(percent.get()).divide(HUNDRED, 9, java.math.RoundingMode.DOWN);
            quantity = held.stripTrailingZeros().scale() <= 0 ? share.setScale(0, java.math.RoundingMode.DOWN)
                    : share;
            if (quantity.signum() == 0) {
                return invalid("percentage " + percentText + " of " + AlpacaShapes.decimal(held)
                        + " shares is less than the smallest quantity that can be sold");
            }
        }
        Side side = position.quantity().signum() > 0 ? Side.SELL : Side.BUY;
        BigDecimal heldForOrders = exchange.openOrders().filter(o -> o.symbol().equals(position.symbol())
                && o.side() == side).map(SimOrder::remaining).fold(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal available = held.subtract(heldForOrders).max(BigDecimal.ZERO);
        if (quantity.compareTo(available) > 0) {
            return new Answer(403, AlpacaShapes.error(Refusal.FORBIDDEN, "insufficient qty available for order"
                    + " (requested: " + AlpacaShapes.decimal(quantity) + ", available: "
                    + AlpacaShapes.decimal(available) + ")"));
        }
        return exchange.submit(new NewOrder(Option.none(), position.symbol().value(), side, quantity,
                OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none()))
                .fold(TraderApi::refused, order -> ok(AlpacaShapes.order(order)));
    }

    /**
     * {@code DELETE /v2/positions}: closes every position, after cancelling every open order when
     * {@code cancel_orders=true}; 207 with one {@code {symbol, status, body}} per position.
     */
    private Answer closeAll(Map<String, String> query) {
        String cancelOrders = query.getOrDefault("cancel_orders", "false");
        if (!"true".equals(cancelOrders) && !"false".equals(cancelOrders)) {
            return invalid("cancel_orders must be true or false, got " + quote(cancelOrders));
        }
        if ("true".equals(cancelOrders)) {
            exchange.openOrders().forEach(order -> exchange.cancel(order.id()));
        }
        ArrayNode results = AlpacaShapes.JSON.createArrayNode();
        for (SimPosition position : exchange.positions()) {
            Answer closed = close(position.symbol().value(), Map.of());
            results.addObject().put("symbol", position.symbol().value()).put("status", closed.status())
                    .set("body", closed.body());
        }
        return new Answer(207, results);
    }

    /** {@code DELETE /v2/orders}: cancels every open order; 207 with one {@code {id, status, body}} per order. */
    private Answer cancelAll() {
        ArrayNode results = AlpacaShapes.JSON.createArrayNode();
        for (SimOrder open : exchange.openOrders()) {
            Answer answer = exchange.cancel(open.id()).fold(TraderApi::refused,
                    canceled -> ok(AlpacaShapes.order(canceled)));
            results.addObject().put("id", open.id()).put("status", answer.status() == 200 ? 200 : 500)
                    .set("body", answer.body());
        }
        return new Answer(207, results);
    }

    private static Option<BigDecimal> decimal(String text) {
        try {
            return Option.some(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Option.none();
        }
    }

    private ArrayNode positions(List<SimPosition> positions) {
        ArrayNode array = AlpacaShapes.JSON.createArrayNode();
        positions.forEach(p -> array.add(AlpacaShapes.position(p, exchange.price(p.symbol()).get())));
        return array;
    }

    private Answer submit(byte[] bytes) {
        JsonNode body;
        try {
            body = AlpacaShapes.JSON.readTree(bytes);
        } catch (java.io.IOException malformed) {
            return new Answer(400, AlpacaShapes.error(40010000L, "request body format is invalid"));
        }
        if (body == null || !body.isObject()) {
            return new Answer(400, AlpacaShapes.error(40010000L, "request body format is invalid"));
        }
        Either<String, NewOrder> parsed = parseOrder(body);
        if (parsed.isLeft()) {
            return invalid(parsed.getLeft());
        }
        return exchange.submit(parsed.get()).fold(TraderApi::refused, order -> ok(AlpacaShapes.order(order)));
    }

    /** The order request, or the reason it cannot be one. Notional orders are refused: give qty. */
    static Either<String, NewOrder> parseOrder(JsonNode body) {
        if (present(body, "notional")) {
            return Either.left("notional orders are not supported by the paper exchange: give qty");
        }
        if (!present(body, "qty")) {
            return Either.left("qty is required");
        }
        Option<BigDecimal> quantity = number(body, "qty");
        if (quantity.isEmpty()) {
            return Either.left("qty must be a number, got " + text(body, "qty").map(TraderApi::quote)
                    .getOrElse("?"));
        }
        Option<String> symbol = text(body, "symbol");
        if (symbol.isEmpty()) {
            return Either.left("symbol is required");
        }
        Option<Side> side = text(body, "side").flatMap(Side::fromCode);
        if (side.isEmpty()) {
            return Either.left("side must be buy or sell");
        }
        String typeCode = text(body, "type").orElse(text(body, "order_type")).getOrElse("");
        Option<OrderType> type = OrderType.fromCode(typeCode);
        if (type.isEmpty()) {
            return Either.left("type " + quote(typeCode) + " is not supported: use market, limit, stop or stop_limit");
        }
        Option<TimeInForce> tif = text(body, "time_in_force").flatMap(TimeInForce::fromCode);
        if (tif.isEmpty()) {
            return Either.left("time_in_force must be one of day, gtc, opg, cls, ioc, fok");
        }
        String orderClass = text(body, "order_class").getOrElse("");
        if (!orderClass.isEmpty() && !"simple".equals(orderClass)) {
            return Either.left("order_class " + quote(orderClass) + " is not supported: only simple orders");
        }
        Option<BigDecimal> limit = number(body, "limit_price");
        Option<BigDecimal> stop = number(body, "stop_price");
        if (present(body, "limit_price") && limit.isEmpty() || present(body, "stop_price") && stop.isEmpty()) {
            return Either.left("limit_price and stop_price must be numbers");
        }
        Option<String> clientOrderId = text(body, "client_order_id");
        return Either.right(new NewOrder(clientOrderId, symbol.get(), side.get(), quantity.get(), type.get(),
                tif.get(), limit, stop));
    }

    private static boolean present(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && !value.isNull();
    }

    private static Option<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? Option.none() : Option.of(value.asText());
    }

    private static Option<BigDecimal> number(JsonNode body, String field) {
        return text(body, field).flatMap(text -> {
            try {
                return Option.some(new BigDecimal(text.strip()));
            } catch (NumberFormatException e) {
                return Option.none();
            }
        });
    }

    private static String quote(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return "'" + (clean.length() > 30 ? clean.substring(0, 30) + "..." : clean) + "'";
    }

    private Answer orders(Map<String, String> query) {
        String status = query.getOrDefault("status", "open");
        if (!List.of("open", "closed", "all").contains(status)) {
            return invalid("status must be open, closed or all");
        }
        Option<Integer> limit = integer(query.getOrDefault("limit", Integer.toString(DEFAULT_ORDER_LIMIT)));
        if (limit.isEmpty() || limit.get() < 1) {
            return invalid("limit must be a positive number");
        }
        Either<String, Option<Instant>> after = instant(query.get("after"), "after");
        Either<String, Option<Instant>> until = instant(query.get("until"), "until");
        if (after.isLeft() || until.isLeft()) {
            return invalid(after.isLeft() ? after.getLeft() : until.getLeft());
        }
        String direction = query.getOrDefault("direction", "desc");
        if (!"asc".equals(direction) && !"desc".equals(direction)) {
            return invalid("direction must be asc or desc");
        }
        Option<java.util.Set<String>> symbols = Option.of(query.get("symbols")).filter(s -> !s.isBlank())
                .map(s -> java.util.Set.of(s.split(",")));
        List<SimOrder> matching = exchange.orders()
                .filter(o -> switch (status) {
                    case "open" -> o.status().isOpen();
                    case "closed" -> !o.status().isOpen();
                    default -> true;
                })
                .filter(o -> after.get().forAll(t -> o.createdAt().isAfter(t)))
                .filter(o -> until.get().forAll(t -> o.createdAt().isBefore(t)))
                .filter(o -> symbols.forAll(set -> set.contains(o.symbol().value())));
        if ("desc".equals(direction)) {
            matching = matching.reverse();
        }
        return ok(AlpacaShapes.orders(matching.take(Math.min(limit.get(), MAX_ORDER_LIMIT))));
    }

    /**
     * The activities of the given types (none: every type), newest first unless {@code direction=asc}; only FILL
     * activities exist here. {@code date} (a New York trading date, or a timestamp's) cannot be used with
     * {@code after} or {@code until}, as the spec says.
     */
    private Answer activities(Option<List<String>> types, Map<String, String> query) {
        Option<String> unknown = types.flatMap(list -> list.find(type -> !ACTIVITY_TYPES.contains(type)));
        if (unknown.isDefined()) {
            return invalid("activity type " + quote(unknown.get()) + " is not one of " + String.join(", ",
                    new java.util.TreeSet<>(ACTIVITY_TYPES)));
        }
        String dateText = query.get("date");
        if (dateText != null && (query.containsKey("after") || query.containsKey("until"))) {
            return invalid("date cannot be used with after or until");
        }
        Either<String, Option<Instant>> date = instant(dateText, "date");
        Either<String, Option<Instant>> after = instant(query.get("after"), "after");
        Either<String, Option<Instant>> until = instant(query.get("until"), "until");
        if (date.isLeft() || after.isLeft() || until.isLeft()) {
            return invalid(date.isLeft() ? date.getLeft() : after.isLeft() ? after.getLeft() : until.getLeft());
        }
        Option<java.time.LocalDate> day = date.get().map(t -> dateText.strip().length() == 10
                ? java.time.LocalDate.parse(dateText.strip()) : t.atZone(MARKET_ZONE).toLocalDate());
        if (types.exists(list -> !list.contains("FILL"))) {
            return ok(AlpacaShapes.JSON.createArrayNode());
        }
        String direction = query.getOrDefault("direction", "desc");
        if (!"asc".equals(direction) && !"desc".equals(direction)) {
            return invalid("direction must be asc or desc");
        }
        Option<Integer> pageSize = integer(query.getOrDefault("page_size", Integer.toString(DEFAULT_PAGE_SIZE)));
        if (pageSize.isEmpty() || pageSize.get() < 1) {
            return invalid("page_size must be a positive number");
        }
        List<SimFill> fills = exchange.fills().filter(published)
                .filter(f -> after.get().forAll(t -> f.executedAt().isAfter(t)))
                .filter(f -> until.get().forAll(t -> f.executedAt().isBefore(t)))
                .filter(f -> day.forAll(d -> f.executedAt().atZone(MARKET_ZONE).toLocalDate().equals(d)));
        if ("desc".equals(direction)) {
            fills = fills.reverse();
        }
        String token = query.get("page_token");
        if (token != null) {
            int at = fills.indexWhere(f -> f.activityId().equals(token));
            if (at < 0) {
                return invalid("page_token " + quote(token) + " is unknown");
            }
            fills = fills.drop(at + 1);
        }
        ArrayNode array = AlpacaShapes.JSON.createArrayNode();
        fills.take(Math.min(pageSize.get(), DEFAULT_PAGE_SIZE)).forEach(f -> array.add(AlpacaShapes.fill(f)));
        return ok(array);
    }

    private static Either<String, Option<Instant>> instant(String text, String name) {
        if (text == null || text.isBlank()) {
            return Either.right(Option.none());
        }
        try {
            return Either.right(Option.some(text.length() == 10
                    ? java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant()));
        } catch (DateTimeParseException e) {
            return Either.left(name + " must be an RFC 3339 timestamp, got " + quote(text));
        }
    }

    private static Option<Integer> integer(String text) {
        try {
            return Option.some(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Option.none();
        }
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            // activity_types may come as one comma-separated value or as the parameter repeated
            values.merge(name, value, (first, next) -> "activity_types".equals(name) ? first + "," + next : first);
        }
        return values;
    }

    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
