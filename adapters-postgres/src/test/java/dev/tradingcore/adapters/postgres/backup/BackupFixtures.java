package dev.tradingcore.adapters.postgres.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Trading data for the backup tests, written through the real fill path, and ways to compare two databases. */
final class BackupFixtures {

    private BackupFixtures() {}

    /** Books fills through the real use case (trade, position, order and audit row in one transaction). */
    static final class Book {

        private final PostgresPersistence persistence;
        private final ApplyingFill applyingFill;

        Book(DataSource dataSource, Instant bookedAt) {
            this.persistence = new PostgresPersistence(dataSource);
            this.applyingFill = new ApplyingFill(persistence.fillJournal(), persistence.positions(),
                    new PositionCache(), new RecordingAlertSink(), Clock.fixed(bookedAt, ZoneOffset.UTC));
        }

        /** Places an order of {@code quantities}' sum and fills it with one trade per quantity, at {@code at}. */
        List<Trade> order(String orderId, String symbol, Side side, Instant at, String... quantities) {
            BigDecimal total = BigDecimal.ZERO;
            List<Trade> trades = new ArrayList<>();
            for (int i = 0; i < quantities.length; i++) {
                BigDecimal q = new BigDecimal(quantities[i]);
                total = total.add(q);
                trades.add(new Trade(TradeId.of(orderId + "-t" + i), OrderId.of(orderId), Symbol.of(symbol), side,
                        Quantity.of(q), Price.of(new BigDecimal("100.25").add(BigDecimal.valueOf(i))),
                        at.plusSeconds(i), new BigDecimal("0.125"), Option.some(Liquidity.MAKER)));
            }
            Order order = Order.place(OrderId.of(orderId), ClientOrderId.of(orderId), Symbol.of(symbol), side,
                    Quantity.of(total), OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none(), at)
                    .get().order();
            persistence.orders().save(order);
            for (Trade t : trades) {
                FillOutcome outcome = applyingFill.apply(t);
                assertThat(outcome).as("booking " + t.tradeId()).isInstanceOf(FillOutcome.Applied.class);
            }
            return trades;
        }
    }

    /**
     * A fingerprint of every table of the schemas public and archive, and of every partition separately (so that a
     * row restored into another partition shows): its row count and an md5 over its rows in a fixed order.
     */
    static Map<String, String> fingerprint(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN ('public', 'archive') AND c.relkind IN ('r', 'p')
                 ORDER BY 1
                """)) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, String> prints = new LinkedHashMap<>();
        for (String table : tables) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)),"
                            + " '-') FROM ONLY " + table + " t")) {
                rs.next();
                prints.put(table, rs.getString(1));
            }
        }
        return prints;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of every row, as strings. */
    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Inserts a stored trade again with the same economics; returns the row count INSERT reports. */
    static int replay(Connection c, String tradeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO trades (trade_id, order_id, symbol, side, quantity, price, timestamp, commission,
                                    trade_value, liquidity)
                SELECT trade_id, order_id, symbol, side, quantity, price, timestamp + interval '1 day', commission,
                       trade_value, liquidity
                  FROM trades WHERE trade_id = ?
                """)) {
            ps.setString(1, tradeId);
            return ps.executeUpdate();
        }
    }
}
