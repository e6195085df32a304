package dev.tradingcore.adapters.broker.paper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradingcore.adapters.broker.simulated.SimAccount;
import dev.tradingcore.adapters.broker.simulated.SimFill;
import dev.tradingcore.adapters.broker.simulated.SimOrder;
import dev.tradingcore.adapters.broker.simulated.SimPosition;
import io.vavr.collection.List;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** The simulation's values in the JSON shapes of the Alpaca Trader API v2 (its examples and schemas). */
final class AlpacaShapes {

    static final ObjectMapper JSON = new ObjectMapper();

    private AlpacaShapes() {
    }

    static String decimal(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** A stable asset id per symbol. */
    static String assetId(String symbol) {
        return UUID.nameUUIDFromBytes(("asset:" + symbol).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static ObjectNode order(SimOrder order) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", order.id());
        node.put("client_order_id", order.clientOrderId());
        node.put("created_at", time(order.createdAt()));
        node.put("updated_at", time(order.updatedAt()));
        node.put("submitted_at", time(order.createdAt()));
        node.put("filled_at", time(order.filledAt()));
        node.put("expired_at", time(order.expiredAt()));
        node.put("canceled_at", time(order.canceledAt()));
        node.putNull("failed_at");
        node.putNull("replaced_at");
        node.putNull("replaced_by");
        node.putNull("replaces");
        node.put("asset_id", assetId(order.symbol().value()));
        node.put("symbol", order.symbol().value());
        node.put("asset_class", "us_equity");
        node.putNull("notional");
        node.put("qty", decimal(order.quantity()));
        node.put("filled_qty", decimal(order.filledQuantity()));
        node.put("filled_avg_price", order.filledAveragePrice().map(AlpacaShapes::decimal).getOrNull());
        node.put("order_class", "");
        node.put("order_type", order.type().code());
        node.put("type", order.type().code());
        node.put("side", order.side().code());
        node.put("time_in_force", order.timeInForce().code());
        node.put("limit_price", decimal(order.limitPrice()));
        node.put("stop_price", decimal(order.stopPrice()));
        node.put("status", order.status().alpacaCode());
        node.put("extended_hours", false);
        node.putNull("legs");
        node.putNull("trail_percent");
        node.putNull("trail_price");
        node.putNull("hwm");
        return node;
    }

    static ArrayNode orders(List<SimOrder> orders) {
        ArrayNode array = JSON.createArrayNode();
        orders.forEach(order -> array.add(order(order)));
        return array;
    }

    static ObjectNode position(SimPosition position, BigDecimal price) {
        BigDecimal quantity = position.quantity();
        BigDecimal marketValue = quantity.multiply(price);
        BigDecimal costBasis = quantity.multiply(position.averageEntryPrice());
        BigDecimal unrealized = marketValue.subtract(costBasis);
        String percent = costBasis.signum() == 0 ? "0"
                : decimal(unrealized.divide(costBasis.abs(), 10, RoundingMode.HALF_EVEN));
        ObjectNode node = JSON.createObjectNode();
        node.put("asset_id", assetId(position.symbol().value()));
        node.put("symbol", position.symbol().value());
        node.put("exchange", "NASDAQ");
        node.put("asset_class", "us_equity");
        node.put("asset_marginable", false);
        node.put("qty", decimal(quantity));
        node.put("qty_available", decimal(quantity));
        node.put("avg_entry_price", decimal(position.averageEntryPrice()));
        node.put("side", quantity.signum() < 0 ? "short" : "long");
        node.put("market_value", decimal(marketValue.setScale(2, RoundingMode.HALF_EVEN)));
        node.put("cost_basis", decimal(costBasis.setScale(2, RoundingMode.HALF_EVEN)));
        node.put("unrealized_pl", decimal(unrealized.setScale(2, RoundingMode.HALF_EVEN)));
        node.put("unrealized_plpc", percent);
        node.put("unrealized_intraday_pl", decimal(unrealized.setScale(2, RoundingMode.HALF_EVEN)));
        node.put("unrealized_intraday_plpc", percent);
        node.put("current_price", decimal(price));
        node.put("lastday_price", decimal(price));
        node.put("change_today", "0");
        return node;
    }

    static ObjectNode account(SimAccount account, String id, Instant createdAt) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("account_number", "PA" + id.replace("-", "").substring(0, 10).toUpperCase());
        node.put("status", "ACTIVE");
        node.put("currency", "USD");
        node.put("cash", decimal(account.cash()));
        node.put("portfolio_value", decimal(account.equity()));
        node.put("pattern_day_trader", false);
        node.put("trade_suspended_by_user", false);
        node.put("trading_blocked", false);
        node.put("transfers_blocked", false);
        node.put("account_blocked", false);
        node.put("created_at", time(createdAt));
        node.put("shorting_enabled", true);
        node.put("long_market_value", decimal(account.longMarketValue()));
        node.put("short_market_value", decimal(account.shortMarketValue()));
        node.put("equity", decimal(account.equity()));
        node.put("last_equity", decimal(account.equity()));
        node.put("multiplier", "1");
        node.put("buying_power", decimal(account.buyingPower()));
        node.put("initial_margin", "0");
        node.put("maintenance_margin", "0");
        node.put("sma", "0");
        node.put("daytrade_count", 0);
        node.put("last_maintenance_margin", "0");
        node.put("daytrading_buying_power", decimal(account.buyingPower()));
        node.put("regt_buying_power", decimal(account.buyingPower()));
        return node;
    }

    static ObjectNode fill(SimFill fill) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", fill.activityId());
        node.put("activity_type", "FILL");
        node.put("transaction_time", time(fill.executedAt()));
        node.put("type", fill.activityType());
        node.put("price", decimal(fill.price()));
        node.put("qty", decimal(fill.quantity()));
        node.put("side", fill.side().code());
        node.put("symbol", fill.symbol().value());
        node.put("leaves_qty", decimal(fill.leavesQuantity()));
        node.put("order_id", fill.orderId());
        node.put("cum_qty", decimal(fill.cumulativeQuantity()));
        node.put("order_status", fill.orderStatus().alpacaCode());
        return node;
    }

    static ObjectNode error(long code, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("code", code);
        node.put("message", message);
        return node;
    }
}
