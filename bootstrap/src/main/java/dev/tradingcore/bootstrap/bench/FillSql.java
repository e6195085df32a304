package dev.tradingcore.bootstrap.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The fill transaction's baseline: the statements of {@code MyBatisFillJournal} and its mappers (TradeMapper.insert,
 * PositionMapper.lockBooked / insertFlatIfAbsent / saveBooked, OrderMapper.lockById / update, AuditMapper.insert),
 * copied verbatim, issued through plain JDBC in one READ COMMITTED transaction, with the arithmetic of a buy done
 * inline instead of by the domain. Keep these in step with the mapper XMLs.
 */
final class FillSql {

    static final String INSERT_TRADE = """
            INSERT INTO trades (trade_id, order_id, symbol, side, quantity, price, timestamp, commission, trade_value,
                                liquidity)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    static final String LOCK_POSITION = """
            SELECT symbol, quantity, average_price, market_value, unrealized_pnl, cost_basis, cost_basis_exact,
                   realized_pnl, realized_pnl_exact, total_commission, mark_price, last_updated, version,
                   latest_trade_at, latest_trade_id, basis::text AS basis
              FROM positions WHERE symbol = ? FOR NO KEY UPDATE""";

    static final String INSERT_FLAT_POSITION = """
            INSERT INTO positions (symbol, quantity, average_price, market_value, unrealized_pnl, cost_basis,
                                   cost_basis_exact, realized_pnl, realized_pnl_exact, total_commission, last_updated,
                                   version)
            VALUES (?, 0, NULL, 0, 0, 0, 0, 0, 0, 0, ?, 0)
            ON CONFLICT (symbol) DO NOTHING""";

    static final String LOCK_ORDER = """
            SELECT order_id, client_order_id, broker_order_id, symbol, side, quantity, order_type, time_in_force,
                   limit_price, stop_price, status, filled_quantity, filled_notional, filled_avg_price, submitted_at,
                   updated_at, filled_at, cancelled_at, error_message
              FROM orders WHERE order_id = ? FOR NO KEY UPDATE""";

    static final String SAVE_BOOKED_POSITION = """
            UPDATE positions SET
              quantity = ?,
              average_price = ?,
              market_value = ?,
              unrealized_pnl = ?,
              cost_basis = ?,
              cost_basis_exact = ?,
              realized_pnl = ?,
              realized_pnl_exact = ?,
              total_commission = ?,
              mark_price = ?,
              last_updated = ?,
              latest_trade_at = ?,
              latest_trade_id = ?,
              basis = ?,
              version = version + 1
            WHERE symbol = ?
            RETURNING version""";

    static final String UPDATE_ORDER = """
            UPDATE orders SET
              client_order_id = ?, broker_order_id = ?, symbol = ?, side = ?, quantity = ?, order_type = ?,
              time_in_force = ?, limit_price = ?, stop_price = ?, status = ?, filled_quantity = ?,
              filled_notional = ?, filled_avg_price = ?, submitted_at = ?, updated_at = ?, filled_at = ?,
              cancelled_at = ?, error_message = ?
            WHERE order_id = ?""";

    static final String INSERT_AUDIT = """
            INSERT INTO audit_log (timestamp, component, action, details, user_id, session_id, severity)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private static final BigDecimal COMMISSION = new BigDecimal("0.01000000");

    private FillSql() {}

    /** One buy fill of {@code quantity} at {@code price} of the order, in one transaction. */
    static void fill(DataSource pool, String tradeId, String orderId, String symbol, BigDecimal quantity,
            BigDecimal price, Instant at) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                book(c, tradeId, orderId, symbol, quantity, price, at);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void book(Connection c, String tradeId, String orderId, String symbol, BigDecimal quantity,
            BigDecimal price, Instant at) throws SQLException {
        OffsetDateTime time = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        BigDecimal notional = quantity.multiply(price);
        try (PreparedStatement ps = c.prepareStatement(INSERT_TRADE)) {
            ps.setString(1, tradeId);
            ps.setString(2, orderId);
            ps.setString(3, symbol);
            ps.setString(4, "buy");
            ps.setBigDecimal(5, quantity);
            ps.setBigDecimal(6, price);
            ps.setObject(7, time);
            ps.setBigDecimal(8, COMMISSION);
            ps.setBigDecimal(9, notional.setScale(2, RoundingMode.HALF_EVEN));
            ps.setString(10, "taker");
            if (ps.executeUpdate() != 1) {
                throw new BenchFailure("baseline trade " + tradeId + " was not inserted");
            }
        }
        BigDecimal positionQuantity;
        BigDecimal costExact;
        BigDecimal realizedExact;
        BigDecimal commission;
        try (PreparedStatement ps = c.prepareStatement(LOCK_POSITION)) {
            ps.setString(1, symbol);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    try (PreparedStatement flat = c.prepareStatement(INSERT_FLAT_POSITION)) {
                        flat.setString(1, symbol);
                        flat.setObject(2, time);
                        flat.executeUpdate();
                    }
                    positionQuantity = BigDecimal.ZERO;
                    costExact = BigDecimal.ZERO;
                    realizedExact = BigDecimal.ZERO;
                    commission = BigDecimal.ZERO;
                    try (ResultSet again = ps.executeQuery()) {
                        again.next();
                    }
                } else {
                    positionQuantity = rs.getBigDecimal(2);
                    costExact = rs.getBigDecimal(7);
                    realizedExact = rs.getBigDecimal(9);
                    commission = rs.getBigDecimal(10);
                }
            }
        }
        BigDecimal filled;
        BigDecimal filledNotional;
        BigDecimal orderQuantity;
        Object[] order = new Object[19];
        try (PreparedStatement ps = c.prepareStatement(LOCK_ORDER)) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new BenchFailure("baseline order " + orderId + " is missing");
                }
                order[1] = rs.getString(2);
                order[2] = rs.getString(3);
                order[3] = rs.getString(4);
                order[4] = rs.getString(5);
                orderQuantity = rs.getBigDecimal(6);
                order[6] = rs.getString(7);
                order[7] = rs.getString(8);
                order[8] = rs.getBigDecimal(9);
                order[9] = rs.getBigDecimal(10);
                filled = rs.getBigDecimal(12);
                filledNotional = rs.getBigDecimal(13);
                order[14] = rs.getObject(15, OffsetDateTime.class);
                order[17] = rs.getObject(18, OffsetDateTime.class);
                order[18] = rs.getString(19);
            }
        }
        BigDecimal newQuantity = positionQuantity.add(quantity);
        BigDecimal newCost = costExact.add(notional);
        BigDecimal newCommission = commission.add(COMMISSION);
        BigDecimal newRealized = realizedExact.subtract(COMMISSION);
        BigDecimal costBasis = newCost.setScale(2, RoundingMode.HALF_EVEN);
        BigDecimal marketValue = newQuantity.multiply(price).setScale(2, RoundingMode.HALF_EVEN);
        long version;
        try (PreparedStatement ps = c.prepareStatement(SAVE_BOOKED_POSITION)) {
            ps.setBigDecimal(1, newQuantity);
            ps.setBigDecimal(2, newCost.divide(newQuantity, 8, RoundingMode.HALF_EVEN));
            ps.setBigDecimal(3, marketValue);
            ps.setBigDecimal(4, marketValue.subtract(costBasis));
            ps.setBigDecimal(5, costBasis);
            ps.setBigDecimal(6, newCost);
            ps.setBigDecimal(7, newRealized.setScale(2, RoundingMode.HALF_EVEN));
            ps.setBigDecimal(8, newRealized);
            ps.setBigDecimal(9, newCommission);
            ps.setBigDecimal(10, price);
            ps.setObject(11, time);
            ps.setObject(12, time);
            ps.setString(13, tradeId);
            ps.setNull(14, Types.OTHER);
            ps.setString(15, symbol);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                version = rs.getLong(1);
            }
        }
        BigDecimal newFilled = filled.add(quantity);
        BigDecimal newNotional = filledNotional.add(notional);
        BigDecimal average = newNotional.divide(newFilled, 8, RoundingMode.HALF_EVEN);
        boolean complete = newFilled.compareTo(orderQuantity) == 0;
        String status = complete ? "filled" : "partial_fill";
        try (PreparedStatement ps = c.prepareStatement(UPDATE_ORDER)) {
            ps.setString(1, (String) order[1]);
            setNullable(ps, 2, order[2]);
            ps.setString(3, (String) order[3]);
            ps.setString(4, (String) order[4]);
            ps.setBigDecimal(5, orderQuantity);
            ps.setString(6, (String) order[6]);
            ps.setString(7, (String) order[7]);
            setNullable(ps, 8, order[8]);
            setNullable(ps, 9, order[9]);
            ps.setString(10, status);
            ps.setBigDecimal(11, newFilled);
            ps.setBigDecimal(12, newNotional);
            ps.setBigDecimal(13, average);
            ps.setObject(14, order[14]);
            ps.setObject(15, time);
            setNullable(ps, 16, complete ? time : null);
            setNullable(ps, 17, order[17]);
            setNullable(ps, 18, order[18]);
            ps.setString(19, orderId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_AUDIT)) {
            ps.setObject(1, time);
            ps.setString(2, "execution");
            ps.setString(3, "fill_applied");
            ps.setObject(4, auditDetails(tradeId, orderId, symbol, quantity, price, at, status, newFilled, average,
                    newQuantity, newCost.divide(newQuantity, 8, RoundingMode.HALF_EVEN), newRealized, version),
                    Types.OTHER);
            ps.setNull(5, Types.NULL);
            ps.setNull(6, Types.NULL);
            ps.setString(7, "info");
            ps.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else {
            ps.setObject(index, value);
        }
    }

    /** The same fifteen facts as the domain's fill_applied line, as a JSON object of strings. */
    private static String auditDetails(String tradeId, String orderId, String symbol, BigDecimal quantity,
            BigDecimal price, Instant at, String status, BigDecimal filled, BigDecimal average,
            BigDecimal positionQuantity, BigDecimal positionAverage, BigDecimal realized, long version) {
        StringBuilder json = new StringBuilder(512).append('{');
        field(json, "order_id", orderId);
        field(json, "trade_id", tradeId);
        field(json, "symbol", symbol);
        field(json, "side", "buy");
        field(json, "quantity", quantity.toPlainString());
        field(json, "price", price.toPlainString());
        field(json, "commission", "0.01");
        field(json, "executed_at", at.toString());
        field(json, "order_status_before", "partial_fill");
        field(json, "order_status", status);
        field(json, "order_filled_quantity", filled.toPlainString());
        field(json, "order_filled_avg_price", average.toPlainString());
        field(json, "position_quantity", positionQuantity.stripTrailingZeros().toPlainString());
        field(json, "position_average_price", positionAverage.toPlainString());
        field(json, "position_realized_pnl", realized.stripTrailingZeros().toPlainString());
        json.setLength(json.length() - 2);
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\": \"").append(value).append("\", ");
    }
}
