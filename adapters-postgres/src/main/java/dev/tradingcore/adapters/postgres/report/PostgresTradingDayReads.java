package dev.tradingcore.adapters.postgres.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingcore.adapters.postgres.json.Json;
import dev.tradingcore.domain.report.ClosingPosition;
import dev.tradingcore.domain.report.DayFill;
import dev.tradingcore.domain.report.EquityPoint;
import dev.tradingcore.domain.report.LimitBreach;
import dev.tradingcore.domain.report.RejectedOrder;
import dev.tradingcore.domain.report.TradingDay;
import dev.tradingcore.domain.report.TradingDayReads;
import dev.tradingcore.domain.common.TradingDayWindow;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Iterator;
import javax.sql.DataSource;

/**
 * Reads one trading day in one REPEATABLE READ transaction, so that every part of the report shows the same moment.
 *
 * <p>Positions at the close come from the audit trail, not from the {@code positions} table (which holds only the
 * present): every fill's audit line carries the position after it (quantity, average price, cumulative realized
 * P&L) and is written in the fill's transaction; a reconciliation's {@code position_corrected} line carries the
 * corrected quantity. So a report of an earlier day shows that day's close.
 */
public final class PostgresTradingDayReads implements TradingDayReads {

    /** The position after the last booking before an instant: a fill's line, or a correction's if later. */
    private static final String POSITIONS = """
            WITH fills AS (
                SELECT DISTINCT ON (details ->> 'symbol') details ->> 'symbol' AS symbol, timestamp, id,
                       details ->> 'position_quantity' AS quantity,
                       NULLIF(details ->> 'position_average_price', '') AS average_price,
                       details ->> 'position_realized_pnl' AS realized
                FROM audit_log
                WHERE action IN ('fill_applied', 'late_fill_applied') AND timestamp < ?
                ORDER BY details ->> 'symbol', timestamp DESC, id DESC
            ), corrections AS (
                SELECT DISTINCT ON (details ->> 'symbol') details ->> 'symbol' AS symbol, timestamp, id,
                       details ->> 'corrected_quantity' AS quantity,
                       NULLIF(details ->> 'corrected_average_price', '') AS average_price
                FROM audit_log
                WHERE action = 'position_corrected' AND timestamp < ?
                ORDER BY details ->> 'symbol', timestamp DESC, id DESC
            ), opening AS (
                SELECT DISTINCT ON (details ->> 'symbol') details ->> 'symbol' AS symbol,
                       details ->> 'position_realized_pnl' AS realized
                FROM audit_log
                WHERE action IN ('fill_applied', 'late_fill_applied') AND timestamp < ?
                ORDER BY details ->> 'symbol', timestamp DESC, id DESC
            )
            SELECT s.symbol,
                   CASE WHEN c.symbol IS NOT NULL AND (f.symbol IS NULL OR (c.timestamp, c.id) > (f.timestamp, f.id))
                        THEN c.quantity ELSE f.quantity END AS quantity,
                   CASE WHEN c.symbol IS NOT NULL AND (f.symbol IS NULL OR (c.timestamp, c.id) > (f.timestamp, f.id))
                        THEN c.average_price ELSE f.average_price END AS average_price,
                   COALESCE(f.realized, '0') AS realized,
                   COALESCE(o.realized, '0') AS realized_at_open,
                   p.price, p.timestamp AS priced_at
            FROM (SELECT symbol FROM fills UNION SELECT symbol FROM corrections) s
            LEFT JOIN fills f ON f.symbol = s.symbol
            LEFT JOIN corrections c ON c.symbol = s.symbol
            LEFT JOIN opening o ON o.symbol = s.symbol
            LEFT JOIN LATERAL (
                SELECT price, timestamp FROM market_data_cache m
                WHERE m.symbol = s.symbol AND m.timestamp < ? ORDER BY m.timestamp DESC LIMIT 1) p ON true
            ORDER BY s.symbol
            """;

    private static final String FILLS = """
            SELECT trade_id, order_id, symbol, side, quantity, price, commission, timestamp
            FROM trades WHERE timestamp >= ? AND timestamp < ? ORDER BY timestamp, trade_id
            """;

    private static final String ORDERS_BY_STATUS = """
            SELECT status, count(*) FROM orders WHERE submitted_at >= ? AND submitted_at < ?
            GROUP BY status ORDER BY status
            """;

    private static final String REJECTED = """
            SELECT order_id, symbol, side, quantity, submitted_at, COALESCE(error_message, '')
            FROM orders WHERE status = 'rejected' AND submitted_at >= ? AND submitted_at < ?
            ORDER BY submitted_at, order_id
            """;

    /** Risk events: anything the risk component wrote above INFO, and trading switched off at any severity. */
    private static final String BREACHES = """
            SELECT timestamp, action, severity, details FROM audit_log
            WHERE component = 'risk' AND (severity <> 'info' OR action = 'trading_disabled')
              AND timestamp >= ? AND timestamp < ?
            ORDER BY timestamp, id
            """;

    private static final String EQUITY = """
            SELECT timestamp, portfolio_value FROM risk_snapshots WHERE timestamp >= ? AND timestamp < ?
            ORDER BY timestamp
            """;

    private static final String SECTORS = """
            SELECT sector_concentration FROM risk_snapshots WHERE timestamp >= ? AND timestamp < ?
              AND sector_concentration IS NOT NULL
            ORDER BY timestamp DESC LIMIT 1
            """;

    private final DataSource analytics;

    public PostgresTradingDayReads(DataSource analytics) {
        this.analytics = analytics;
    }

    @Override
    public TradingDay read(TradingDayWindow day) {
        Timestamp start = Timestamp.from(day.start());
        Timestamp end = Timestamp.from(day.end());
        try (Connection connection = analytics.getConnection()) {
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            try {
                TradingDay read = new TradingDay(day,
                        rows(connection, POSITIONS, PostgresTradingDayReads::position, end, end, start, end),
                        rows(connection, FILLS, PostgresTradingDayReads::fill, start, end),
                        ordersByStatus(connection, start, end),
                        rows(connection, REJECTED, PostgresTradingDayReads::rejected, start, end),
                        rows(connection, BREACHES, PostgresTradingDayReads::breach, start, end),
                        rows(connection, EQUITY, rs -> new EquityPoint(rs.getTimestamp(1).toInstant(),
                                rs.getBigDecimal(2)), start, end),
                        sectors(connection, start, end));
                connection.commit();
                return read;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the trading day " + day.date() + " could not be read: " + e.getMessage(),
                    e);
        }
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> rows(Connection connection, String sql, Row<T> row, Timestamp... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setTimestamp(i + 1, parameters[i]);
            }
            List<T> read = List.empty();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    read = read.append(row.read(rs));
                }
            }
            return read;
        }
    }

    private static ClosingPosition position(ResultSet rs) throws SQLException {
        BigDecimal realized = new BigDecimal(rs.getString("realized"));
        Timestamp pricedAt = rs.getTimestamp("priced_at");
        return new ClosingPosition(rs.getString("symbol"), new BigDecimal(rs.getString("quantity")),
                Option.of(rs.getString("average_price")).map(BigDecimal::new),
                Option.of(rs.getBigDecimal("price")), Option.of(pricedAt).map(Timestamp::toInstant),
                realized.subtract(new BigDecimal(rs.getString("realized_at_open"))), realized);
    }

    private static DayFill fill(ResultSet rs) throws SQLException {
        return new DayFill(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getTimestamp(8).toInstant());
    }

    private static RejectedOrder rejected(ResultSet rs) throws SQLException {
        return new RejectedOrder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                rs.getTimestamp(5).toInstant(), rs.getString(6));
    }

    private static LimitBreach breach(ResultSet rs) throws SQLException {
        JsonNode details = Json.read(rs.getString(4), "audit_log.details");
        return new LimitBreach(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), describe(details));
    }

    /**
     * An audit line's details for a person: its reason when it has one, else each field as "name value" (an
     * aggregate line such as {@code orders_refused} has counts, not a sentence), never raw JSON.
     */
    static String describe(JsonNode details) {
        if (details.hasNonNull("reason")) {
            return details.get("reason").asText();
        }
        java.util.List<String> fields = new java.util.ArrayList<>();
        details.fields().forEachRemaining(field -> fields.add(field.getKey().replace('_', ' ') + " "
                + (field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString())));
        return String.join(", ", fields);
    }

    private static Map<String, Integer> ordersByStatus(Connection connection, Timestamp start, Timestamp end)
            throws SQLException {
        return LinkedHashMap.ofEntries(rows(connection, ORDERS_BY_STATUS,
                rs -> io.vavr.Tuple.of(rs.getString(1), rs.getInt(2)), start, end));
    }

    private static Map<String, BigDecimal> sectors(Connection connection, Timestamp start, Timestamp end)
            throws SQLException {
        Option<String> document = rows(connection, SECTORS, rs -> rs.getString(1), start, end).headOption();
        Map<String, BigDecimal> shares = LinkedHashMap.empty();
        for (String text : document) {
            JsonNode node = Json.read(text, "risk_snapshots.sector_concentration");
            for (Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> entry = it.next();
                shares = shares.put(entry.getKey(), entry.getValue().decimalValue());
            }
        }
        return shares;
    }
}
