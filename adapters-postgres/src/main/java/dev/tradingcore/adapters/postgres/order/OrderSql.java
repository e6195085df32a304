package dev.tradingcore.adapters.postgres.order;

import dev.tradingcore.adapters.postgres.audit.AuditRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.exceptions.PersistenceException;

/**
 * The SQL of order submission's hot statements, in one place, in plain JDBC: the open orders read for the risk check,
 * the placing and the change of an order, each with its audit line. Not MyBatis: binding and mapping through mappers
 * (reflection on the row's accessors, type handler lookups, constructor resolution per row) was a quarter of the
 * client CPU of an order submission, more than pgjdbc itself (docs/benchmarks.md, the JFR profile of scenario 2).
 *
 * <p>An order's write and its audit line are one statement: a data-modifying CTE writes the order and the audit line
 * is inserted {@code FROM} the CTE's {@code RETURNING}, so the line exists exactly when the order row was written, in
 * the same statement and so the same transaction. A placing is one autocommitted statement (one round trip, where a
 * BEGIN, two inserts and a COMMIT took three); a change stays lock, then write, then COMMIT, because the domain's
 * change is computed in Java from the row as locked.
 *
 * <p>The select list of an {@code INSERT ... SELECT} gives its parameters no type from the target columns, hence the
 * casts of the audit line's timestamp and JSON details.
 */
final class OrderSql {

    private OrderSql() {}

    static final String COLUMNS = "order_id, client_order_id, broker_order_id, symbol, side, quantity, order_type,"
            + " time_in_force, limit_price, stop_price, status, filled_quantity, filled_notional, filled_avg_price,"
            + " submitted_at, updated_at, filled_at, cancelled_at, error_message";

    /**
     * The open orders of a symbol, oldest first. The status list is the predicate of {@code idx_orders_active},
     * written the same way, so that the planner can prove the query implies it and use the partial index. Keep the
     * two in step ({@code OrderStatus.isOpen()}).
     */
    static final String OPEN_BY_SYMBOL = "SELECT " + COLUMNS + " FROM orders WHERE symbol = ?"
            + " AND status IN ('pending', 'submitted', 'partial_fill', 'unknown') ORDER BY submitted_at, order_id";

    /** The order's row locked until the transaction ends; NO KEY UPDATE for the reason in OrderMapper.xml (lockById). */
    static final String LOCK_BY_ID = "SELECT " + COLUMNS + " FROM orders WHERE order_id = ? FOR NO KEY UPDATE";

    /** The audit line of the row the CTE {@code written} returned: none when it returned none. */
    private static final String AUDIT_OF_WRITTEN = """
            INSERT INTO audit_log (timestamp, component, action, details, user_id, session_id, severity)
            SELECT ?::timestamptz, ?, ?, ?::jsonb, ?, ?, ? FROM written""";

    /**
     * A new order and its audit line: 1 when stored, 0 (nothing written, not even the audit line) when an order with
     * this order id or client order id exists.
     */
    static final String PLACE = "WITH written AS (INSERT INTO orders (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING RETURNING order_id)\n" + AUDIT_OF_WRITTEN;

    /** Every column but the order id of an existing (locked) order, and its audit line: 1, or 0 without the order. */
    static final String CHANGE = """
            WITH written AS (
                UPDATE orders SET client_order_id = ?, broker_order_id = ?, symbol = ?, side = ?, quantity = ?,
                       order_type = ?, time_in_force = ?, limit_price = ?, stop_price = ?, status = ?,
                       filled_quantity = ?, filled_notional = ?, filled_avg_price = ?, submitted_at = ?,
                       updated_at = ?, filled_at = ?, cancelled_at = ?, error_message = ?
                 WHERE order_id = ?
                RETURNING order_id)
            """ + AUDIT_OF_WRITTEN;

    static List<OrderRow> openBySymbol(Connection connection, String symbol) {
        try (PreparedStatement st = connection.prepareStatement(OPEN_BY_SYMBOL)) {
            st.setString(1, symbol);
            List<OrderRow> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failed("reading the open orders of " + symbol, e);
        }
    }

    /** The locked row, or null when there is no such order. */
    static OrderRow lockById(Connection connection, String orderId) {
        try (PreparedStatement st = connection.prepareStatement(LOCK_BY_ID)) {
            st.setString(1, orderId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        } catch (SQLException e) {
            throw failed("locking order " + orderId, e);
        }
    }

    /** {@link #PLACE}: 1 when the order and its audit line were written, 0 when the order exists. */
    static int place(Connection connection, OrderRow order, AuditRow audit) {
        try (PreparedStatement st = connection.prepareStatement(PLACE)) {
            st.setString(1, order.orderId());
            int next = bindAllButId(st, 2, order);
            bindAudit(st, next, audit);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw failed("placing order " + order.orderId(), e);
        }
    }

    /** {@link #CHANGE}: 1 when the order and its audit line were written, 0 when there is no such order. */
    static int change(Connection connection, OrderRow order, AuditRow audit) {
        try (PreparedStatement st = connection.prepareStatement(CHANGE)) {
            int next = bindAllButId(st, 1, order);
            st.setString(next++, order.orderId());
            bindAudit(st, next, audit);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw failed("changing order " + order.orderId(), e);
        }
    }

    /** The 18 columns after the order id, in {@link #COLUMNS} order, from parameter {@code at}; the next index. */
    private static int bindAllButId(PreparedStatement st, int at, OrderRow o) throws SQLException {
        int i = at;
        st.setString(i++, o.clientOrderId());
        text(st, i++, o.brokerOrderId());
        st.setString(i++, o.symbol());
        st.setString(i++, o.side());
        st.setBigDecimal(i++, o.quantity());
        st.setString(i++, o.orderType());
        st.setString(i++, o.timeInForce());
        st.setBigDecimal(i++, o.limitPrice());
        st.setBigDecimal(i++, o.stopPrice());
        st.setString(i++, o.status());
        st.setBigDecimal(i++, o.filledQuantity());
        st.setBigDecimal(i++, o.filledNotional());
        st.setBigDecimal(i++, o.filledAvgPrice());
        time(st, i++, o.submittedAt());
        time(st, i++, o.updatedAt());
        time(st, i++, o.filledAt());
        time(st, i++, o.cancelledAt());
        text(st, i++, o.errorMessage());
        return i;
    }

    private static void bindAudit(PreparedStatement st, int at, AuditRow a) throws SQLException {
        time(st, at, a.timestamp());
        st.setString(at + 1, a.component());
        st.setString(at + 2, a.action());
        st.setString(at + 3, a.details());
        text(st, at + 4, a.userId());
        text(st, at + 5, a.sessionId());
        st.setString(at + 6, a.severity());
    }

    private static void text(PreparedStatement st, int i, String value) throws SQLException {
        if (value == null) {
            st.setNull(i, Types.VARCHAR);
        } else {
            st.setString(i, value);
        }
    }

    /** Through {@link OffsetDateTime} in UTC, as the mappers' UtcInstantTypeHandler: no JVM time zone involved. */
    private static void time(PreparedStatement st, int i, Instant value) throws SQLException {
        if (value == null) {
            st.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            st.setObject(i, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** One row of {@link #COLUMNS}, by position. */
    static OrderRow row(ResultSet rs) throws SQLException {
        return new OrderRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBigDecimal(6), rs.getString(7), rs.getString(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                rs.getString(11), rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getBigDecimal(14), instant(rs, 15),
                instant(rs, 16), instant(rs, 17), instant(rs, 18), rs.getString(19));
    }

    /**
     * Wrapped as MyBatis wraps a driver failure, so that callers and the guard see what they saw from the mappers:
     * the {@link SQLException} with its SQLSTATE as the cause.
     */
    private static PersistenceException failed(String what, SQLException cause) {
        return new PersistenceException(what + " failed: " + cause.getMessage(), cause);
    }
}
