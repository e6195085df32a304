package dev.tradingcore.crash;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the core stored, read with plain SQL: the crash test's view of the database, independent of the adapters. */
record StoredLedger(List<Trade> trades, List<Order> orders, Map<String, BigDecimal> positions) {

    record Trade(String tradeId, String orderId, String symbol, String side, BigDecimal quantity, BigDecimal price) {

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

    /** Our statuses in which an order may still change: what recovery must resolve. */
    static final java.util.Set<String> INTERMEDIATE = java.util.Set.of("pending", "submitted", "partial_fill",
            "unknown");

    static StoredLedger read(Connection connection) throws SQLException {
        List<Trade> trades = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT trade_id, order_id, symbol, side, quantity, price FROM trades"
                        + " ORDER BY timestamp, trade_id")) {
            while (rs.next()) {
                trades.add(new Trade(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6)));
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
        Map<String, BigDecimal> positions = new TreeMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT symbol, quantity FROM positions")) {
            while (rs.next()) {
                positions.put(rs.getString(1), rs.getBigDecimal(2));
            }
        }
        return new StoredLedger(List.copyOf(trades), List.copyOf(orders), positions);
    }

    /** Rows of a table, or 0 while the core has not created it yet (before its first migration). */
    static long count(Connection connection, String table) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
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
