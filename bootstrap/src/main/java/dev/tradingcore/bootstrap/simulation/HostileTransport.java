package dev.tradingcore.bootstrap.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradingcore.adapters.broker.alpaca.AlpacaTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The network and the broker at their worst, between the REST adapter and the Trader API: requests that never arrive,
 * answers lost after the broker acted, answers that come after the core did something else, refusals (401, 403, 429,
 * 5xx), answers with a field bent, activity pages with duplicates or out of order, a broker that restarts, a cancel
 * acknowledged before it takes effect. Which and how often is the session's {@link BrokerFaults}.
 */
final class HostileTransport implements AlpacaTransport {

    /** What the core's adapter waits before it gives up on an answer. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<FaultKind> ANY_CALL = EnumSet.of(FaultKind.TIMEOUT, FaultKind.UNAUTHORIZED,
            FaultKind.RATE_LIMITED, FaultKind.SERVER_ERROR, FaultKind.BROKER_RESTART);

    /** What the session does while an answer is slow: the core's other threads at work. */
    interface Meanwhile {
        void during(Request request);
    }

    private final AlpacaTransport inner;
    private final BrokerFaults faults;
    private final SimulatedClock clock;
    private final Random random;
    private final Meanwhile meanwhile;
    private final Consumer<String> deferredCancel;

    /**
     * @param deferredCancel takes the broker order id of a cancel that was acknowledged but takes effect only after
     *     the market's next step
     */
    HostileTransport(AlpacaTransport inner, BrokerFaults faults, SimulatedClock clock, Random random,
            Meanwhile meanwhile, Consumer<String> deferredCancel) {
        this.inner = inner;
        this.faults = faults;
        this.clock = clock;
        this.random = random;
        this.meanwhile = meanwhile;
        this.deferredCancel = deferredCancel;
    }

    @Override
    public Response send(Request request) throws IOException, InterruptedException {
        clock.advance(Duration.ofMillis(random.nextInt(30)));
        String method = request.method();
        String path = request.uri().getRawPath();
        boolean changes = !"GET".equals(method);
        boolean activities = path.startsWith("/v2/account/activities");
        Set<FaultKind> applicable = EnumSet.copyOf(ANY_CALL);
        applicable.add(FaultKind.ANSWER_LOST);
        applicable.add(FaultKind.SLOW_ACK);
        if (!"POST".equals(method)) {
            applicable.add(FaultKind.FORBIDDEN);
        }
        if (changes) {
            applicable.add(FaultKind.SERVER_ERROR_AFTER);
        }
        if (!"DELETE".equals(method)) {
            applicable.add(FaultKind.MALFORMED);
        }
        if (activities) {
            applicable.add(FaultKind.DUPLICATE_ACTIVITY);
            applicable.add(FaultKind.SHUFFLED_ACTIVITIES);
        }
        if ("DELETE".equals(method) && path.startsWith("/v2/orders/")) {
            applicable.add(FaultKind.FILL_AFTER_CANCEL);
        }
        FaultKind fault = faults.draw(applicable);
        if (fault == null) {
            return inner.send(request);
        }
        switch (fault) {
            case BROKER_RESTART -> throw new ConnectException("connection refused (the broker is restarting)");
            case TIMEOUT -> {
                clock.advance(REQUEST_TIMEOUT);
                throw new HttpTimeoutException("request timed out");
            }
            case UNAUTHORIZED -> {
                return error(401, 40110000, "request is not authorized");
            }
            case FORBIDDEN -> {
                return error(403, 40310000, "forbidden: the account is restricted");
            }
            case RATE_LIMITED -> {
                return new Response(429, Map.of("Retry-After", List.of("1")),
                        "{\"code\":42910000,\"message\":\"rate limit exceeded\"}");
            }
            case SERVER_ERROR -> {
                return error(503, 50310000, "service unavailable");
            }
            case FILL_AFTER_CANCEL -> {
                deferredCancel.accept(path.substring("/v2/orders/".length()));
                return new Response(204, Map.of(), "");
            }
            case SLOW_ACK -> {
                if (random.nextBoolean()) {
                    // The request itself is slow to arrive: the core acts before the broker has seen it.
                    clock.advance(Duration.ofMillis(200 + random.nextInt(3000)));
                    meanwhile.during(request);
                    return inner.send(request);
                }
            }
            default -> {
                // The rest happen after the broker acted.
            }
        }
        Response answer = inner.send(request);
        return switch (fault) {
            case ANSWER_LOST -> {
                clock.advance(REQUEST_TIMEOUT);
                if (random.nextBoolean()) {
                    throw new HttpTimeoutException("request timed out");
                }
                throw new IOException("connection reset");
            }
            case SERVER_ERROR_AFTER -> error(500, 50010000, "internal server error");
            case SLOW_ACK -> {
                clock.advance(Duration.ofMillis(200 + random.nextInt(3000)));
                meanwhile.during(request);
                yield answer;
            }
            case MALFORMED -> bent(answer);
            case DUPLICATE_ACTIVITY -> rewritten(answer, array -> {
                if (!array.isEmpty()) {
                    JsonNode copy = array.get(random.nextInt(array.size())).deepCopy();
                    array.insert(random.nextInt(array.size() + 1), copy);
                }
            });
            case SHUFFLED_ACTIVITIES -> rewritten(answer, array -> {
                List<JsonNode> items = new ArrayList<>();
                array.forEach(items::add);
                Collections.shuffle(items, random);
                array.removeAll();
                items.forEach(array::add);
            });
            default -> answer;
        };
    }

    private static Response error(int status, long code, String message) {
        return new Response(status, Map.of(), "{\"code\":" + code + ",\"message\":\"" + message + "\"}");
    }

    private Response rewritten(Response answer, Consumer<ArrayNode> change) throws JsonProcessingException {
        if (answer.status() != 200) {
            return answer;
        }
        JsonNode body = JSON.readTree(answer.body());
        if (!(body instanceof ArrayNode array)) {
            return answer;
        }
        change.accept(array);
        return new Response(answer.status(), answer.headers(), JSON.writeValueAsString(array));
    }

    /** One object of the answer (the answer itself, or one element of a list) with one field bent. */
    private Response bent(Response answer) throws JsonProcessingException {
        if (answer.status() != 200 || answer.body().isEmpty()) {
            return answer;
        }
        JsonNode body = JSON.readTree(answer.body());
        ObjectNode target;
        if (body instanceof ArrayNode array) {
            if (array.isEmpty() || !(array.get(random.nextInt(array.size())) instanceof ObjectNode element)) {
                return answer;
            }
            target = element;
        } else if (body instanceof ObjectNode object) {
            target = object;
        } else {
            return answer;
        }
        List<Runnable> bends = new ArrayList<>();
        for (String field : List.of("qty", "filled_qty", "price", "avg_entry_price", "filled_avg_price")) {
            if (target.hasNonNull(field)) {
                bends.add(() -> target.put(field, "0.123456789"));
                bends.add(() -> target.put(field, "-" + target.get(field).asText()));
                bends.add(() -> target.remove(field));
            }
        }
        if (target.has("status")) {
            bends.add(() -> target.put("status", "held_for_review"));
        }
        if (target.has("transaction_time")) {
            bends.add(() -> target.put("transaction_time", "yesterday"));
        }
        if (target.has("id")) {
            bends.add(() -> target.remove("id"));
        }
        if (bends.isEmpty()) {
            return answer;
        }
        bends.get(random.nextInt(bends.size())).run();
        return new Response(answer.status(), answer.headers(), JSON.writeValueAsString(body));
    }
}
