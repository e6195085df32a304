package dev.tradingcore.adapters.broker.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.port.OrderRequest;
import dev.tradingcore.domain.port.UnreadableItem;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker port over the Alpaca Trader API v2, with the JDK HTTP client and Jackson.
 *
 * <p>Answers map to the port's types: 2xx to the broker's view; 400, 422 (and any other 4xx) to
 * {@link BrokerFailure.Rejected} with the broker's message and code; 401 and 403 to a rejection of the order on submit
 * and to {@link BrokerFailure.Unauthorized} on every other call (it says nothing about what was asked); 404 to
 * {@link BrokerFailure.NotFound} on lookups and cancels (a rejection on submit); 429 to
 * {@link BrokerFailure.RateLimited} with {@code Retry-After}; 5xx to {@link BrokerFailure.ServerError}; no answer in
 * time to {@link BrokerFailure.Timeout}; no connection to {@link BrokerFailure.ConnectionFailed}; an answer that cannot
 * be read (not JSON, a field missing, a value the domain refuses such as a negative or 9-place quantity) to
 * {@link BrokerFailure.Malformed}: transient, because a submit whose answer cannot be read may still have placed the
 * order. In a list (open orders, fill activities) one unreadable item is reported in {@link Listing#unreadable()} and
 * the others are read. Nothing is thrown for a broker problem.
 *
 * <p>Submit is never repeated here: after a transient failure the adapter asks once by client order id and returns
 * the order when the broker has it, else the original failure; whether to send again is the caller's decision
 * (SubmittingOrder sends again only after the broker said it does not know the client order id).
 */
public final class AlpacaBroker implements BrokerGateway, dev.tradingcore.domain.port.PriceSource {

    private static final Logger LOG = LoggerFactory.getLogger(AlpacaBroker.class);
    private static final int OPEN_ORDERS_PAGE = 500;
    private static final int MAX_PAGES = 10_000;

    private final AlpacaSettings settings;
    private final AlpacaTransport transport;

    /** Over HTTP, with the JDK's client. */
    public AlpacaBroker(AlpacaSettings settings) {
        this(settings, AlpacaTransport.http(settings.connectTimeout()));
    }

    /** Over the given transport: the simulator's, in-process. */
    public AlpacaBroker(AlpacaSettings settings, AlpacaTransport transport) {
        this.settings = settings;
        this.transport = transport;
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> submit(OrderRequest request) {
        Either<BrokerFailure, BrokerOrder> answer = send("POST", "/v2/orders", AlpacaJson.orderRequest(request),
                "order " + request.clientOrderId(), false, body -> AlpacaJson.order(AlpacaJson.parse(body)));
        if (answer.isLeft() && answer.getLeft().isTransient()) {
            Either<BrokerFailure, BrokerOrder> lookup = orderByClientOrderId(request.clientOrderId());
            if (lookup.isRight()) {
                LOG.info("submit of {} got no answer ({}); the broker has it as {}", request.clientOrderId(),
                        answer.getLeft().message(), lookup.get().brokerOrderId());
                return lookup;
            }
        }
        return answer;
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> cancel(BrokerOrderId brokerOrderId) {
        String path = "/v2/orders/" + segment(brokerOrderId.value());
        return send("DELETE", path, null, "order " + brokerOrderId, true, body -> body)
                .flatMap(ignored -> orderById(brokerOrderId));
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> orderById(BrokerOrderId brokerOrderId) {
        return send("GET", "/v2/orders/" + segment(brokerOrderId.value()), null, "order " + brokerOrderId, true,
                body -> AlpacaJson.order(AlpacaJson.parse(body)));
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> orderByClientOrderId(ClientOrderId clientOrderId) {
        return send("GET", "/v2/orders:by_client_order_id?client_order_id=" + query(clientOrderId.value()), null,
                "client order id " + clientOrderId, true, body -> AlpacaJson.order(AlpacaJson.parse(body)));
    }

    /**
     * Pages through the open orders in ascending submission order, 500 at a time; the next page starts one
     * microsecond before the last order's submission time (the API's {@code after} is exclusive, its timestamps have
     * microseconds) and repeats are dropped by id. Never a partial list: when paging cannot advance, a failure.
     */
    @Override
    public Either<BrokerFailure, Listing<BrokerOrder>> openOrders() {
        Map<String, BrokerOrder> byId = new LinkedHashMap<>();
        Map<String, UnreadableItem> unreadable = new LinkedHashMap<>();
        Option<String> after = Option.none();
        for (int page = 0; page < MAX_PAGES; page++) {
            String path = "/v2/orders?status=open&direction=asc&limit=" + OPEN_ORDERS_PAGE
                    + after.map(t -> "&after=" + query(t)).getOrElse("");
            Either<BrokerFailure, List<JsonNode>> answer = send("GET", path, null, "open orders", false,
                    body -> AlpacaJson.array(AlpacaJson.parse(body), "orders"));
            if (answer.isLeft()) {
                return Either.left(answer.getLeft());
            }
            Instant lastSubmitted;
            try {
                lastSubmitted = answer.get().lastOption().map(AlpacaJson::submittedAt).getOrElse(Instant.EPOCH);
            } catch (MalformedAnswer malformed) {
                return Either.left(unreadable("the last open order of a page has no readable submission time, so "
                        + "the next page cannot be asked for: " + malformed.getMessage()));
            }
            java.util.List<BrokerOrder> orders = new java.util.ArrayList<>();
            for (JsonNode node : answer.get()) {
                try {
                    orders.add(AlpacaJson.order(node));
                } catch (MalformedAnswer malformed) {
                    UnreadableItem item = AlpacaJson.unreadableOrder(node, settings.redact(malformed.getMessage()));
                    unreadable.putIfAbsent(item.reference().isEmpty() ? "#" + unreadable.size() : item.reference(),
                            item);
                }
            }
            int before = byId.size() + unreadable.size();
            orders.forEach(order -> byId.putIfAbsent(order.brokerOrderId().value(), order));
            if (answer.get().size() < OPEN_ORDERS_PAGE) {
                return Either.right(new Listing<>(List.ofAll(byId.values()), List.ofAll(unreadable.values())));
            }
            if (byId.size() + unreadable.size() == before) {
                // A full page of orders all submitted in one microsecond: the API cannot page past them. A partial
                // list would make reconciliation take open orders for gone ones, so it is no answer at all.
                return Either.left(unreadable("more than " + OPEN_ORDERS_PAGE + " open orders share the "
                        + "submission time " + lastSubmitted + ": they cannot be paged"));
            }
            after = Option.some(lastSubmitted.minus(1, ChronoUnit.MICROS).toString());
        }
        return Either.left(unreadable("more than " + MAX_PAGES + " pages of open orders"));
    }

    @Override
    public Either<BrokerFailure, List<BrokerPosition>> positions() {
        return send("GET", "/v2/positions", null, "positions", false,
                body -> AlpacaJson.positions(AlpacaJson.parse(body)));
    }

    /**
     * Prices of the symbols held, from the positions' {@code current_price} (the spec gives no time for it: it is
     * stamped when asked). One call for every held symbol; a symbol not held has no price here.
     */
    @Override
    public Either<BrokerFailure, io.vavr.collection.List<dev.tradingcore.domain.marketdata.Quote>> latestPrices(
            Instant seenAt) {
        return send("GET", "/v2/positions", null, "positions", false,
                body -> AlpacaJson.currentPrices(AlpacaJson.parse(body), seenAt));
    }

    /** The account these credentials trade for: the {@code id} of {@code GET /v2/account}. */
    @Override
    public Either<BrokerFailure, Option<String>> account() {
        return send("GET", "/v2/account", null, "account", false,
                body -> Option.some(AlpacaJson.accountId(AlpacaJson.parse(body))));
    }

    /**
     * Pages through the FILL activities in ascending order. The API's {@code after} is exclusive and its timestamps
     * have microseconds, so the adapter asks from one second earlier and keeps those at or after {@code since}.
     */
    @Override
    public Either<BrokerFailure, Listing<BrokerFill>> fillsSince(Instant since) {
        java.util.List<BrokerFill> fills = new java.util.ArrayList<>();
        java.util.List<UnreadableItem> unreadable = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        Option<String> pageToken = Option.none();
        String after = query(since.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString());
        for (int page = 0; page < MAX_PAGES; page++) {
            String path = "/v2/account/activities/FILL?direction=asc&page_size=" + settings.pageSize() + "&after="
                    + after + pageToken.map(token -> "&page_token=" + query(token)).getOrElse("");
            Either<BrokerFailure, List<JsonNode>> answer = send("GET", path, null, "fill activities", false,
                    body -> AlpacaJson.array(AlpacaJson.parse(body), "fill activities"));
            if (answer.isLeft()) {
                return Either.left(answer.getLeft());
            }
            List<JsonNode> entries = answer.get();
            for (JsonNode entry : entries) {
                try {
                    BrokerFill fill = AlpacaJson.fill(entry);
                    if (!fill.executedAt().isBefore(since) && seen.add(fill.tradeId().value())) {
                        fills.add(fill);
                    }
                } catch (MalformedAnswer malformed) {
                    UnreadableItem item = AlpacaJson.unreadableFill(entry, settings.redact(malformed.getMessage()));
                    boolean inWindow = item.at().map(at -> !at.isBefore(since)).getOrElse(true);
                    if (inWindow && (item.reference().isEmpty() || seen.add(item.reference()))) {
                        unreadable.add(item);
                    }
                }
            }
            if (entries.size() < settings.pageSize()) {
                fills.sort(java.util.Comparator.comparing(BrokerFill::executedAt));
                return Either.right(new Listing<>(List.ofAll(fills), List.ofAll(unreadable)));
            }
            String last = entries.last().path("id").asText();
            if (last.isEmpty() || pageToken.contains(last)) {
                return Either.left(unreadable("the activities' page token did not advance"));
            }
            pageToken = Option.some(last);
        }
        return Either.left(unreadable("more than " + MAX_PAGES + " pages of fill activities"));
    }

    // ------------------------------------------------------------------------------------------------------ HTTP

    /**
     * One call. {@code notFoundIsAnswer}: a 404 means the thing asked about does not exist (lookups, cancel);
     * otherwise it is a rejection of the request.
     */
    private <T> Either<BrokerFailure, T> send(String method, String path, String body, String what,
            boolean notFoundIsAnswer, Function<String, T> read) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("APCA-API-KEY-ID", settings.keyId());
        headers.put("APCA-API-SECRET-KEY", settings.secretKey());
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        AlpacaTransport.Request request = new AlpacaTransport.Request(method, URI.create(settings.baseUrl() + path),
                headers, java.util.Optional.ofNullable(body), settings.requestTimeout());
        long started = System.nanoTime();
        AlpacaTransport.Response response;
        try {
            response = transport.send(request);
        } catch (HttpConnectTimeoutException e) {
            return failed(method, path, new BrokerFailure.ConnectionFailed("no connection within "
                    + settings.connectTimeout().toMillis() + " ms"));
        } catch (HttpTimeoutException e) {
            return failed(method, path, new BrokerFailure.Timeout(settings.requestTimeout()));
        } catch (ConnectException e) {
            return failed(method, path, new BrokerFailure.ConnectionFailed(settings.redact("connection refused by "
                    + settings.baseUrl().getHost() + ":" + settings.baseUrl().getPort())));
        } catch (IOException e) {
            return failed(method, path, new BrokerFailure.ConnectionFailed(settings.redact(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(method, path, new BrokerFailure.ConnectionFailed("interrupted while waiting for the broker"));
        }
        int status = response.status();
        LOG.debug("{} {} -> {} in {} ms", method, path, status, (System.nanoTime() - started) / 1_000_000);
        if (status >= 200 && status < 300) {
            try {
                return Either.right(read.apply(response.body()));
            } catch (MalformedAnswer malformed) {
                return failed(method, path, unreadable(malformed.getMessage() + " (HTTP " + status + ")"));
            }
        }
        return failed(method, path, failure(status, response, what, notFoundIsAnswer, "POST".equals(method)));
    }

    /**
     * @param submission whether the request placed an order: a 401 or 403 then refuses that order (Alpaca answers 403
     *     for insufficient buying power), while on any other call it says nothing about what was asked
     */
    private BrokerFailure failure(int status, AlpacaTransport.Response response, String what, boolean notFoundIsAnswer,
            boolean submission) {
        Option<JsonNode> error = AlpacaJson.errorBody(response.body());
        String message = settings.redact(error.flatMap(e -> Option.of(e.get("message")))
                .filter(JsonNode::isValueNode).map(JsonNode::asText).filter(s -> !s.isBlank())
                .getOrElse(() -> "HTTP " + status + " without a message"));
        Option<String> code = error.flatMap(e -> Option.of(e.get("code"))).filter(JsonNode::isValueNode)
                .map(JsonNode::asText).filter(s -> !s.isBlank()).map(settings::redact);
        if (status == 404 && notFoundIsAnswer) {
            return new BrokerFailure.NotFound(what);
        }
        if (status == 429) {
            return new BrokerFailure.RateLimited(retryAfter(response));
        }
        if (status >= 500) {
            return new BrokerFailure.ServerError(status, message);
        }
        if ((status == 401 || status == 403) && !submission) {
            return new BrokerFailure.Unauthorized(status, (status == 401 ? "check the API key id and secret: "
                    : "the account may not do this: ") + message);
        }
        if (status == 401) {
            return new BrokerFailure.Rejected("not authorized: check the API key id and secret (" + message + ")",
                    code.orElse(Option.some("401")));
        }
        if (status >= 400) {
            return new BrokerFailure.Rejected(message, code.orElse(Option.some(Integer.toString(status))));
        }
        return unreadable("unexpected HTTP status " + status);
    }

    /** {@code Retry-After} as seconds or as an HTTP date; none when absent or unreadable. */
    private static Option<Duration> retryAfter(AlpacaTransport.Response response) {
        return Option.ofOptional(response.header("Retry-After")).map(String::strip).flatMap(value -> {
            try {
                long seconds = Long.parseLong(value);
                return seconds >= 0 ? Option.some(Duration.ofSeconds(seconds)) : Option.none();
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Option<Instant> date = Option.ofOptional(response.header("Date"))
                            .flatMap(d -> Option.of(ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME)
                                    .toInstant()));
                    return date.map(now -> Duration.between(now, at.toInstant())).filter(d -> !d.isNegative());
                } catch (DateTimeParseException notADate) {
                    return Option.none();
                }
            }
        });
    }

    private BrokerFailure unreadable(String detail) {
        return new BrokerFailure.Malformed(settings.redact(detail));
    }

    private static <T> Either<BrokerFailure, T> failed(String method, String path, BrokerFailure failure) {
        if (failure instanceof BrokerFailure.Unauthorized || failure instanceof BrokerFailure.Malformed) {
            LOG.error("{} {} failed: {}", method, path, failure.message());
        } else if (failure.isTransient()) {
            LOG.warn("{} {} failed: {}", method, path, failure.message());
        } else {
            LOG.debug("{} {} refused: {}", method, path, failure.message());
        }
        return Either.left(failure);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AlpacaBroker[" + settings + "]";
    }
}
