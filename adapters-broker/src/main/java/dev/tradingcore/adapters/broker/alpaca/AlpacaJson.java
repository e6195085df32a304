package dev.tradingcore.adapters.broker.alpaca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingcore.domain.common.Decimals;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.port.OrderRequest;
import dev.tradingcore.domain.port.UnreadableItem;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reading and writing the API's JSON. Every read checks what it relies on and fails with a {@link MalformedAnswer}
 * naming the field, so a bad answer never becomes a half-read value. Numbers are read from their text, exactly.
 */
final class AlpacaJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private AlpacaJson() {
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedAnswer("the answer is empty");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedAnswer("the answer is not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** The body of POST /v2/orders: qty (never notional), prices only when the type needs them. */
    static String orderRequest(OrderRequest request) {
        var body = MAPPER.createObjectNode();
        body.put("symbol", request.symbol().value());
        body.put("qty", request.quantity().value().stripTrailingZeros().toPlainString());
        body.put("side", request.side().code());
        body.put("type", request.type().code());
        body.put("time_in_force", request.timeInForce().code());
        request.limitPrice().forEach(p -> body.put("limit_price", p.value().stripTrailingZeros().toPlainString()));
        request.stopPrice().forEach(p -> body.put("stop_price", p.value().stripTrailingZeros().toPlainString()));
        body.put("client_order_id", request.clientOrderId().value());
        return body.toString();
    }

    static BrokerOrder order(JsonNode node) {
        requireObject(node, "order");
        // Every field is read inside read(...): a value the domain refuses (a negative or 9-place quantity) is an
        // unreadable answer, never an IllegalArgumentException out of the adapter.
        return read("order " + optionalText(node, "id").getOrElse("?"), () -> {
            String raw = text(node, "status");
            // Both required: a missing filled_qty read as zero would let a filled order look unfilled (and be closed
            // in our books with its fills still to come); qty is null only for notional orders, which this adapter
            // never sends.
            Quantity filled = optionalQuantity(node, "filled_qty")
                    .getOrElseThrow(() -> new MalformedAnswer("field filled_qty is missing"));
            Quantity quantity = optionalQuantity(node, "qty")
                    .getOrElseThrow(() -> new MalformedAnswer("field qty is missing (a notional order?)"));
            OrderStatus status = AlpacaStatuses.map(raw, quantity, filled);
            Instant updated = optionalInstant(node, "updated_at").orElse(() -> optionalInstant(node, "submitted_at"))
                    .orElse(() -> optionalInstant(node, "created_at"))
                    .getOrElseThrow(() -> new MalformedAnswer("order has no updated_at, submitted_at or created_at"));
            return new BrokerOrder(BrokerOrderId.of(text(node, "id")),
                    optionalText(node, "client_order_id").map(ClientOrderId::of), Symbol.of(text(node, "symbol")),
                    side(text(node, "side")), quantity, filled,
                    optionalPrice(node, "filled_avg_price"), status, raw, Option.none(), updated);
        });
    }

    /** When the order was submitted (else created): the API's order of listing. */
    static Instant submittedAt(JsonNode node) {
        return optionalInstant(node, "submitted_at").orElse(() -> optionalInstant(node, "created_at"))
                .getOrElseThrow(() -> new MalformedAnswer("order has no submitted_at or created_at"));
    }

    static BrokerPosition position(JsonNode node) {
        requireObject(node, "position");
        return read("position " + optionalText(node, "symbol").getOrElse("?"), () -> {
            BigDecimal quantity = decimal(node, "qty");
            if (!Decimals.fits(quantity, Decimals.QUANTITY_SCALE)) {
                throw new MalformedAnswer("field qty: " + quantity.toPlainString() + " has more than "
                        + Decimals.QUANTITY_SCALE + " decimal places");
            }
            // Alpaca reports a short position's qty negative with side "short"; a positive one is read as short too.
            // A long one with a negative qty contradicts itself: reconciliation must never act on it.
            String side = optionalText(node, "side").getOrElse("");
            if ("long".equals(side) && quantity.signum() < 0) {
                throw new MalformedAnswer("field qty: " + quantity.toPlainString() + " is negative for a long position");
            }
            if ("short".equals(side) && quantity.signum() > 0) {
                quantity = quantity.negate();
            }
            return new BrokerPosition(Symbol.of(text(node, "symbol")), quantity, optionalPrice(node, "avg_entry_price"));
        });
    }

    static List<BrokerPosition> positions(JsonNode node) {
        return array(node, "positions").map(AlpacaJson::position);
    }

    /** The {@code current_price} of each position that has one (a missing or zero price is skipped). */
    static List<dev.tradingcore.domain.marketdata.Quote> currentPrices(JsonNode node, java.time.Instant seenAt) {
        return array(node, "positions").flatMap(position -> {
            requireObject(position, "position");
            Symbol symbol = read("position", () -> Symbol.of(text(position, "symbol")));
            return optionalPrice(position, "current_price")
                    .map(price -> dev.tradingcore.domain.marketdata.Quote.last(symbol, seenAt, price));
        });
    }

    /** A FILL activity; its trade id is the execution id after "::" (the whole id is 55 characters, ours 50). */
    static BrokerFill fill(JsonNode node) {
        requireObject(node, "fill activity");
        String id = text(node, "id");
        return read("fill activity " + id, () -> new BrokerFill(tradeId(id), BrokerOrderId.of(text(node, "order_id")),
                Symbol.of(text(node, "symbol")), side(text(node, "side")),
                optionalQuantity(node, "qty").getOrElseThrow(() -> new MalformedAnswer("field qty is missing")),
                optionalPrice(node, "price").getOrElseThrow(() -> new MalformedAnswer("field price is missing or 0")),
                BigDecimal.ZERO, Option.none(), instant(node, "transaction_time")));
    }

    /**
     * What can still be said of a fill activity that {@link #fill} could not read: its id and its time, when those
     * parts are readable, for the caller to alert on it and not move its watermark past it.
     */
    static UnreadableItem unreadableFill(JsonNode node, String reason) {
        return new UnreadableItem(readable(() -> text(node, "id")).getOrElse(""),
                readable(() -> instant(node, "transaction_time")), reason);
    }

    /** What can still be said of an order that {@link #order} could not read: its id, when readable. */
    static UnreadableItem unreadableOrder(JsonNode node, String reason) {
        return new UnreadableItem(readable(() -> text(node, "id")).getOrElse(""), Option.none(), reason);
    }

    private static <T> Option<T> readable(java.util.function.Supplier<T> value) {
        try {
            return Option.of(value.get());
        } catch (MalformedAnswer | IllegalArgumentException unreadable) {
            return Option.none();
        }
    }

    static TradeId tradeId(String activityId) {
        int separator = activityId.indexOf("::");
        String executionId = separator >= 0 ? activityId.substring(separator + 2) : activityId;
        return read("activity id", () -> TradeId.of(executionId));
    }

    static List<JsonNode> array(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw new MalformedAnswer("expected a JSON array of " + what);
        }
        return List.ofAll(node);
    }

    /** The {@code message} and {@code code} of an error body, when it has them. */
    static Option<JsonNode> errorBody(String body) {
        try {
            JsonNode node = MAPPER.readTree(body == null ? "" : body);
            return Option.of(node).filter(JsonNode::isObject);
        } catch (JsonProcessingException e) {
            return Option.none();
        }
    }

    private static Side side(String code) {
        if ("sell_short".equals(code)) {
            return Side.SELL;
        }
        return Side.fromCode(code).getOrElseThrow(() -> new MalformedAnswer("side '" + code + "' is not buy or sell"));
    }

    /** The account's id, from {@code GET /v2/account}. */
    static String accountId(JsonNode node) {
        requireObject(node, "account");
        String id = text(node, "id");
        if (id.isBlank()) {
            throw new MalformedAnswer("field id of the account is empty");
        }
        return id;
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new MalformedAnswer("expected a JSON object for the " + what);
        }
    }

    private static String text(JsonNode node, String field) {
        return optionalText(node, field).getOrElseThrow(() -> new MalformedAnswer("field " + field + " is missing"));
    }

    private static Option<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Option.none();
        }
        if (!value.isValueNode()) {
            throw new MalformedAnswer("field " + field + " is not a text");
        }
        return Option.of(value.asText()).filter(s -> !s.isEmpty());
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return optionalDecimal(node, field).getOrElseThrow(() -> new MalformedAnswer("field " + field
                + " is missing"));
    }

    private static Option<BigDecimal> optionalDecimal(JsonNode node, String field) {
        return optionalText(node, field).map(text -> {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new MalformedAnswer("field " + field + " is not a number: '" + text + "'", e);
            }
        });
    }

    /** A quantity field: a number with at most 8 places, not negative; the field is named when it is not. */
    private static Option<Quantity> optionalQuantity(JsonNode node, String field) {
        return optionalDecimal(node, field).map(value -> {
            try {
                return Quantity.of(value);
            } catch (IllegalArgumentException invalid) {
                throw new MalformedAnswer("field " + field + ": " + invalid.getMessage(), invalid);
            }
        });
    }

    /** A price field; zero reads as none (the API's "no fill yet"), anything else must be a valid price. */
    private static Option<Price> optionalPrice(JsonNode node, String field) {
        return optionalDecimal(node, field).filter(value -> value.signum() != 0).map(value -> {
            try {
                return Price.of(value);
            } catch (IllegalArgumentException invalid) {
                throw new MalformedAnswer("field " + field + ": " + invalid.getMessage(), invalid);
            }
        });
    }

    private static Instant instant(JsonNode node, String field) {
        return optionalInstant(node, field).getOrElseThrow(() -> new MalformedAnswer("field " + field
                + " is missing"));
    }

    private static Option<Instant> optionalInstant(JsonNode node, String field) {
        return optionalText(node, field).map(text -> {
            try {
                return Timestamps.parse(text);
            } catch (DateTimeParseException e) {
                throw new MalformedAnswer("field " + field + " is not a timestamp: '" + text + "'", e);
            }
        });
    }

    private static <T> T read(String what, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException invalid) {
            throw new MalformedAnswer(what + ": " + invalid.getMessage(), invalid);
        }
    }
}
