package dev.tradingcore.bootstrap.bench;

import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The bench's data, generated deterministically from an index: symbols, orders (10% of them open), positions,
 * trades spread evenly over the three quarters that have partitions from the migration on (the current quarter and
 * the next two), audit rows spread over the four months that have partitions (ten events per order, the rest
 * background events without an order). The same index always gives the same row, so the project's path and the
 * baseline can be given the same rows under different trade ids.
 */
final class DataSet {

    static final int SPAN_MONTHS = 9;
    static final int AUDIT_MONTHS = 4;
    static final int AUDIT_EVENTS_PER_ORDER = 10;
    private static final int COPY_BUFFER = 64 * 1024;

    private final BenchOptions options;
    private final Instant base;
    private final Instant end;
    private final Instant auditBase;
    private final Instant auditEnd;
    private final Price[] prices = new Price[1_000];
    private final Quantity[] quantities = new Quantity[100];
    private final String[] symbols;
    private final int[] filledOrders;
    private boolean ordersLoaded;
    private long tradesLoaded;
    private boolean auditLoaded;

    DataSet(BenchOptions options, Clock clock) {
        this.options = options;
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        OffsetDateTime quarter = now.withMonth(((now.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3) + 1)
                .withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        OffsetDateTime month = now.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        this.base = quarter.toInstant();
        this.end = quarter.plusMonths(SPAN_MONTHS).toInstant();
        this.auditBase = month.toInstant();
        this.auditEnd = month.plusMonths(AUDIT_MONTHS).toInstant();
        for (int i = 0; i < prices.length; i++) {
            prices[i] = Price.of(BigDecimal.valueOf(10_000 + i, 2));
        }
        for (int i = 0; i < quantities.length; i++) {
            quantities[i] = Quantity.of(i + 1);
        }
        symbols = new String[options.symbols()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = String.format("S%04d", i);
        }
        filledOrders = IntStream.range(0, options.orders()).filter(i -> statusOfOrder(i).equals("filled")).toArray();
    }

    int symbolCount() {
        return symbols.length;
    }

    String symbol(int index) {
        return symbols[Math.floorMod(index, symbols.length)];
    }

    String orderId(int index) {
        return String.format("O%07d", Math.floorMod(index, options.orders()));
    }

    /**
     * Orders come in consecutive blocks per symbol (orders 0-9 are S0000's at the full run's sizes). The status
     * pattern below repeats every 30 orders and follows the index's parity; a symbol taken as the index modulo the
     * symbol count repeated that pattern, so the filled orders (and with them every trade) fell on 400 of the 1,000
     * symbols and the open ones on 100. In blocks of ten, each symbol has one open order, four filled, five cancelled.
     */
    String symbolOfOrder(int index) {
        return symbol((int) ((long) Math.floorMod(index, options.orders()) * symbols.length / options.orders()));
    }

    /** Order {@code index} is open (pending, submitted or partially filled) for one order in ten. */
    static String statusOfOrder(int index) {
        return switch (index % 30) {
            case 0 -> "pending";
            case 10 -> "submitted";
            case 20 -> "partial_fill";
            default -> index % 2 == 0 ? "filled" : "cancelled";
        };
    }

    /** Filled quantity, notional and average price of order {@code index}, as CSV, consistent with its status. */
    private static String filledOfOrder(int index) {
        return switch (statusOfOrder(index)) {
            case "partial_fill" -> "1000,100000,100";
            case "filled" -> "1000000,100000000,100";
            default -> "0,0,";
        };
    }

    /** The first instant of month {@code m} (0 = the first month of the current quarter). */
    Instant month(int m) {
        return base.atOffset(ZoneOffset.UTC).plusMonths(m).toInstant();
    }

    Instant base() {
        return base;
    }

    private Instant tradeTime(long index, long count) {
        long spanMillis = end.toEpochMilli() - base.toEpochMilli();
        return base.plusMillis(Math.floorMod(index * 7_919L, count) * spanMillis / count);
    }

    /**
     * The order trade {@code index} belongs to: always a filled one, whose filled quantity covers its trades, because
     * bulk ingest takes history only (a trade of an open order is a live fill, the fill journal's). The trades go
     * round the filled orders in turn, so each holds the same number (give or take one).
     */
    int orderOfTrade(long index) {
        return filledOrders[(int) (index % filledOrders.length)];
    }

    /** Trade {@code index} of {@code count}, under the trade id {@code prefix + index}. */
    Trade trade(String prefix, long index, long count) {
        int order = orderOfTrade(index);
        return new Trade(TradeId.of(prefix + index), OrderId.of(orderId(order)), Symbol.of(symbolOfOrder(order)),
                Side.BUY, quantities[(int) (index % quantities.length)], prices[(int) (index % prices.length)],
                tradeTime(index, count), new BigDecimal("0.01"),
                Option.some(index % 2 == 0 ? Liquidity.TAKER : Liquidity.MAKER));
    }

    /** Trades {@code from} to {@code to - 1} of {@code count}, generated as they are consumed. */
    Iterable<Trade> trades(String prefix, long from, long to, long count) {
        return () -> new Iterator<>() {
            private long next = from;

            @Override
            public boolean hasNext() {
                return next < to;
            }

            @Override
            public Trade next() {
                if (next >= to) {
                    throw new NoSuchElementException();
                }
                return trade(prefix, next++, count);
            }
        };
    }

    /** The CSV line of trade {@code index}, the same values as {@link #trade}, for a plain COPY. */
    void appendTradeCsv(StringBuilder out, String prefix, long index, long count) {
        int order = orderOfTrade(index);
        BigDecimal quantity = quantities[(int) (index % quantities.length)].value();
        BigDecimal price = prices[(int) (index % prices.length)].value();
        out.append('"').append(prefix).append(index).append("\",\"").append(orderId(order)).append("\",\"")
                .append(symbolOfOrder(order)).append("\",\"buy\",").append(quantity.toPlainString()).append(',')
                .append(price.toPlainString()).append(',');
        DateTimeFormatter.ISO_INSTANT.formatTo(tradeTime(index, count), out);
        out.append(",0.01,").append(quantity.multiply(price).setScale(2, RoundingMode.HALF_EVEN).toPlainString())
                .append(index % 2 == 0 ? ",\"taker\"\n" : ",\"maker\"\n");
    }

    static final String TRADE_COPY = "COPY trades (trade_id, order_id, symbol, side, quantity, price, timestamp, "
            + "commission, trade_value, liquidity) FROM STDIN WITH (FORMAT csv)";

    /**
     * Plain COPY of trades {@code from} to {@code to - 1}: one COPY and one commit per {@code chunk} rows (the
     * connection must not be in autocommit). Returns the rows COPY reported.
     */
    long copyTrades(Connection connection, String prefix, long from, long to, long count, int chunk)
            throws SQLException {
        long copied = 0;
        StringBuilder text = new StringBuilder(COPY_BUFFER + 1024);
        for (long start = from; start < to; start += chunk) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(TRADE_COPY);
            long stop = Math.min(to, start + chunk);
            for (long i = start; i < stop; i++) {
                appendTradeCsv(text, prefix, i, count);
                if (text.length() >= COPY_BUFFER) {
                    send(copy, text);
                }
            }
            send(copy, text);
            copied += copy.endCopy();
            connection.commit();
        }
        return copied;
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** The orders and one position per symbol, once. */
    void ensureOrdersAndPositions(Connection connection) throws SQLException {
        if (ordersLoaded) {
            return;
        }
        Instant submitted = base;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY orders (order_id, "
                + "client_order_id, symbol, side, quantity, order_type, time_in_force, limit_price, status, "
                + "submitted_at, updated_at, filled_quantity, filled_notional, filled_avg_price) FROM STDIN WITH (FORMAT csv)");
        StringBuilder text = new StringBuilder(COPY_BUFFER + 1024);
        for (int i = 0; i < options.orders(); i++) {
            String at = submitted.plusSeconds(i).toString();
            text.append(orderId(i)).append(',').append(orderId(i)).append(',').append(symbolOfOrder(i))
                    .append(",buy,1000000,limit,day,100,").append(statusOfOrder(i)).append(',').append(at).append(',')
                    .append(at).append(',').append(filledOfOrder(i)).append('\n');
            if (text.length() >= COPY_BUFFER) {
                send(copy, text);
            }
        }
        send(copy, text);
        copy.endCopy();
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY positions (symbol, quantity, "
                + "average_price, market_value, unrealized_pnl, cost_basis, cost_basis_exact, realized_pnl, "
                + "realized_pnl_exact, total_commission, mark_price, last_updated, version) FROM STDIN WITH (FORMAT csv)");
        for (int i = 0; i < symbols.length; i++) {
            text.append(symbols[i]).append(",100,50,5000,0,5000,5000,0,0,0,50,").append(base).append(",1\n");
        }
        send(copy, text);
        copy.endCopy();
        connection.commit();
        connection.setAutoCommit(autoCommit);
        ordersLoaded = true;
    }

    /** Trades with the plain COPY until the table holds at least {@code wanted} (ids {@code load-N}). */
    long ensureTrades(Connection connection, long wanted) throws SQLException {
        ensureOrdersAndPositions(connection);
        long present;
        try (Statement st = connection.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM trades")) {
            rs.next();
            present = rs.getLong(1);
        }
        if (present < wanted) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            long missing = wanted - present;
            tradesLoaded += copyTrades(connection, "load-" + tradesLoaded + "-", 0, missing, missing, 50_000);
            connection.setAutoCommit(autoCommit);
            present = wanted;
        }
        return present;
    }

    /** The audit rows, once: ten events per order, the rest background events without an order. */
    void ensureAudit(Connection connection) throws SQLException {
        if (auditLoaded) {
            return;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        long count = options.auditRows();
        long orderEvents = Math.min(count, (long) options.orders() * AUDIT_EVENTS_PER_ORDER);
        long spanMillis = auditEnd.toEpochMilli() - auditBase.toEpochMilli();
        StringBuilder text = new StringBuilder(COPY_BUFFER + 1024);
        for (long start = 0; start < count; start += 50_000) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY audit_log (timestamp, "
                    + "component, action, details, severity) FROM STDIN WITH (FORMAT csv)");
            for (long j = start; j < Math.min(count, start + 50_000); j++) {
                Instant at = auditBase.plusMillis(Math.floorMod(j * 7_919L, count) * spanMillis / count);
                text.append(at).append(',');
                if (j < orderEvents) {
                    int order = (int) (j % options.orders());
                    text.append("execution,order_event,\"{\"\"order_id\"\": \"\"").append(orderId(order))
                            .append("\"\", \"\"symbol\"\": \"\"").append(symbolOfOrder(order))
                            .append("\"\", \"\"status\"\": \"\"").append(statusOfOrder(order))
                            .append("\"\", \"\"quantity\"\": \"\"1000000\"\"}\",info\n");
                } else {
                    text.append("risk,risk_check,\"{\"\"symbol\"\": \"\"").append(symbol((int) j))
                            .append("\"\", \"\"check\"\": \"\"exposure\"\", \"\"value\"\": \"\"").append(j % 997)
                            .append("\"\"}\",info\n");
                }
                if (text.length() >= COPY_BUFFER) {
                    send(copy, text);
                }
            }
            send(copy, text);
            copy.endCopy();
            connection.commit();
        }
        connection.setAutoCommit(autoCommit);
        auditLoaded = true;
    }
}
