package dev.tradingcore.crash;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the core stored, read with plain SQL: the crash test's view of the database, independent of the adapters.
 *
 * @param trades every stored fill, in execution order (time, then trade id)
 * @param orders every order of ours
 * @param positions the positions rows as they are now (after any correction), by symbol
 * @param audit the audit lines the verdict reads (fills, position corrections, order recoveries), oldest first (by id:
 *     the lines of one symbol are written under its position's row lock, so their ids are in booking order)
 */
record StoredLedger(List<Trade> trades, List<Order> orders, Map<String, Position> positions, List<AuditLine> audit) {

    record Trade(String tradeId, String orderId, String symbol, String side, BigDecimal quantity, BigDecimal price,
            Instant executedAt, BigDecimal commission) {

        BigDecimal signedQuantity() {
            return "buy".equals(side) ? quantity : quantity.negate();
        }
    }

    record Order(String orderId, String clientOrderId, String brokerOrderId, String symbol, String side,
            String status, BigDecimal quantity, BigDecimal filledQuantity) {

        /** The client order id the exchange knows this order by (ours equals our order id). */
        String exchangeClientOrderId() {
            return clientOrderId == null ? orderId : clientOrderId;
        }
    }

    /** A positions row: quantity, average price (none when flat) and the exact realized P&amp;L. */
    record Position(String symbol, BigDecimal quantity, Optional<BigDecimal> averagePrice, BigDecimal realizedPnl) {

        Book.State state() {
            return new Book.State(quantity, quantity.signum() == 0 ? Optional.empty() : averagePrice, realizedPnl);
        }
    }

    /** One audit line; {@code details} as stored (strings). */
    record AuditLine(long id, Instant at, String action, Map<String, String> details) {

        static final String FILL = "fill_applied";
        static final String LATE_FILL = "late_fill_applied";
        static final String POSITION_CORRECTED = "position_corrected";
        static final String ORDER_RECOVERED = "order_recovered";

        boolean isFill() {
            return FILL.equals(action) || LATE_FILL.equals(action);
        }

        String detail(String name) {
            return details.getOrDefault(name, "");
        }

        Optional<BigDecimal> decimal(String name) {
            String value = detail(name);
            return value.isBlank() ? Optional.empty() : Optional.of(new BigDecimal(value));
        }

        /** The position this line says it left (fill lines: position_*; corrections: corrected_*). */
        Book.State position() {
            if (isFill()) {
                return new Book.State(decimal("position_quantity").orElse(BigDecimal.ZERO),
                        decimal("position_average_price"), decimal("position_realized_pnl").orElse(BigDecimal.ZERO));
            }
            return new Book.State(decimal("corrected_quantity").orElse(BigDecimal.ZERO),
                    decimal("corrected_average_price"), BigDecimal.ZERO);
        }
    }

    /** Our statuses in which an order may still change: what recovery must resolve. */
    static final java.util.Set<String> INTERMEDIATE = java.util.Set.of("pending", "submitted", "partial_fill",
            "unknown");

    private static final ObjectMapper JSON = new ObjectMapper();

    static StoredLedger read(Connection connection) throws SQLException {
        List<Trade> trades = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT trade_id, order_id, symbol, side, quantity, price, timestamp,"
                        + " commission FROM trades ORDER BY timestamp, trade_id")) {
            while (rs.next()) {
                trades.add(new Trade(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getTimestamp(7).toInstant(),
                        rs.getBigDecimal(8)));
            }
        }
        List<Order> orders = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT order_id, client_order_id, broker_order_id, symbol, side,"
                        + " status, quantity, filled_quantity FROM orders ORDER BY submitted_at, order_id")) {
            while (rs.next()) {
                orders.add(new Order(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8)));
            }
        }
        Map<String, Position> positions = new TreeMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT symbol, quantity, average_price, realized_pnl_exact"
                        + " FROM positions")) {
            while (rs.next()) {
                positions.put(rs.getString(1), new Position(rs.getString(1), rs.getBigDecimal(2),
                        Optional.ofNullable(rs.getBigDecimal(3)), rs.getBigDecimal(4)));
            }
        }
        List<AuditLine> audit = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, timestamp, action, details::text FROM audit_log"
                        + " WHERE action IN ('" + AuditLine.FILL + "', '" + AuditLine.LATE_FILL + "', '"
                        + AuditLine.POSITION_CORRECTED + "', '" + AuditLine.ORDER_RECOVERED + "') ORDER BY id")) {
            while (rs.next()) {
                audit.add(new AuditLine(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        details(rs.getString(4))));
            }
        }
        return new StoredLedger(List.copyOf(trades), List.copyOf(orders), positions, List.copyOf(audit));
    }

    private static Map<String, String> details(String json) {
        try {
            Map<String, Object> raw = JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
            Map<String, String> details = new LinkedHashMap<>();
            raw.forEach((k, v) -> details.put(k, v == null ? "" : String.valueOf(v)));
            return details;
        } catch (IOException e) {
            throw new UncheckedIOException("audit details are no JSON object: " + json, e);
        }
    }

    /** Rows of a table, or 0 while the core has not created it yet (before its first migration). */
    static long count(Connection connection, String table) throws SQLException {
        return count(connection, table, "true");
    }

    /** Rows of a table matching {@code condition}, or 0 while the core has not created the table yet. */
    static long count(Connection connection, String table, String condition) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " WHERE " + condition)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }
}
