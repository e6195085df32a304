package dev.tradingcore.adapters.postgres.schema;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Plain-JDBC helpers for the schema tests: insert the rows a test needs, read back what the database holds. */
final class Rows {

    private Rows() {}

    static OffsetDateTime at(String instant) {
        return OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
    }

    static void insertOrder(Connection c, String orderId, String symbol) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO orders (order_id, symbol, side, quantity, order_type, status, submitted_at)
                VALUES (?, ?, 'buy', 100, 'market', 'submitted', now())
                """)) {
            ps.setString(1, orderId);
            ps.setString(2, symbol);
            ps.executeUpdate();
        }
    }

    /** A trade of {@code quantity} at 150 on order {@code orderId}; returns the row count INSERT reported. */
    static int insertTrade(Connection c, String tradeId, String orderId, String quantity, String timestamp)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO trades (trade_id, order_id, symbol, side, quantity, price, timestamp, trade_value)
                SELECT ?, o.order_id, o.symbol, o.side, ?, 150, ?, ? * 150 FROM orders o WHERE o.order_id = ?
                """)) {
            ps.setString(1, tradeId);
            ps.setBigDecimal(2, new BigDecimal(quantity));
            ps.setObject(3, at(timestamp));
            ps.setBigDecimal(4, new BigDecimal(quantity));
            ps.setString(5, orderId);
            return ps.executeUpdate();
        }
    }

    /** The first column of every row a query returns, as strings. */
    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
