package dev.tradingcore.bootstrap.bench;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Symbol;
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
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Scenario 4: the hot reads over the design's data set (at least 1M trades, 10K orders, 1M audit rows): each read
 * through the project's repositories (guarded MyBatis, a pooled connection per call) against the mappers' SQL
 * through plain JDBC on a pool of the same settings, one caller, in alternating blocks of 100 calls with the same
 * random keys. EXPLAIN ANALYZE checks the access path of the month's trades (partitions scanned) and of an order's
 * audit events (the btree on the stored order id, not the GIN containment scan, which is measured beside it).
 */
final class HotReadScenario implements Scenario {

    private static final int BLOCK = 100;

    static final String POSITION = """
            SELECT symbol, quantity, average_price, market_value, unrealized_pnl, cost_basis, cost_basis_exact,
                   realized_pnl, realized_pnl_exact, total_commission, mark_price, last_updated, version
              FROM positions WHERE symbol = ?""";
    static final String OPEN_ORDERS = """
            SELECT order_id, client_order_id, broker_order_id, symbol, side, quantity, order_type, time_in_force,
                   limit_price, stop_price, status, filled_quantity, filled_notional, filled_avg_price, submitted_at,
                   updated_at, filled_at, cancelled_at, error_message
              FROM orders
             WHERE symbol = ?
               AND status IN ('pending', 'submitted', 'partial_fill', 'unknown')
             ORDER BY submitted_at, order_id""";
    static final String TRADE_COLUMNS = "t.trade_id, t.order_id, t.symbol, t.side, t.quantity, t.price, t.timestamp, "
            + "t.commission, t.trade_value, t.liquidity";
    static final String TRADES_OF_SYMBOL = "SELECT " + TRADE_COLUMNS + " FROM trades t WHERE t.symbol = ? "
            + "AND t.timestamp >= ? AND t.timestamp < ? ORDER BY t.timestamp, t.trade_id";
    static final String TRADES_OF_ORDER = "SELECT " + TRADE_COLUMNS
            + " FROM trades t WHERE t.order_id = ? ORDER BY t.timestamp, t.trade_id";
    static final String AUDIT_OF_ORDER = """
            SELECT id, timestamp, component, action, details, user_id, session_id, severity
              FROM audit_log
             WHERE order_id = ?
             ORDER BY timestamp, id""";
    static final String AUDIT_CONTAINING_ORDER = """
            SELECT id, timestamp, component, action, details, user_id, session_id, severity
              FROM audit_log
             WHERE details @> ?::jsonb
             ORDER BY timestamp, id""";

    /** One read: key number {@code i}, returns the rows it found. */
    @FunctionalInterface
    private interface Read {
        int run(int key) throws Exception;
    }

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String name() {
        return "hot reads";
    }

    @Override
    public List<BenchRow> run(BenchContext context) throws Exception {
        DataSet data = context.dataSet();
        long trades;
        try (Connection c = context.database().connect()) {
            context.progress("4 hot reads: loading the data set (plain COPY)");
            trades = data.ensureTrades(c, context.options().trades());
            data.ensureAudit(c);
            try (Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE orders");
                st.execute("VACUUM ANALYZE positions");
                st.execute("VACUUM ANALYZE trades");
                st.execute("VACUUM ANALYZE audit_log");
            }
        }
        PostgresPersistence persistence = context.database().persistence();
        DataSource pool = context.database().baseline();
        int n = context.options().readIterations();
        Random random = new Random(42);
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = random.nextInt(context.options().orders());
        }
        Symbol[] symbols = new Symbol[data.symbolCount()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = Symbol.of(data.symbol(i));
        }
        String subject = trades + " trades, " + context.options().orders() + " orders, "
                + context.options().auditRows() + " audit rows";
        List<BenchRow> rows = new ArrayList<>();

        PositionCache cache = new PositionCache();
        cache.loadFrom(persistence.positions());
        Latencies cached = new Latencies();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                if (cache.get(symbols[keys[i] % symbols.length]).isEmpty()) {
                    throw new BenchFailure("no cached position for " + symbols[keys[i] % symbols.length]);
                }
                long t1 = System.nanoTime();
                if (round > 0) {
                    cached.record(t1 - t0);
                }
            }
        }
        rows.add(BenchRow.of("4 hot reads", "position by symbol, cache", "reads", Measurement.latency(cached), null)
                .note("data", subject));

        context.progress("4 hot reads: positions, open orders");
        rows.add(compare("position by symbol, database", n, keys,
                k -> persistence.positions().findBySymbol(symbols[k % symbols.length]).isDefined() ? 1 : 0,
                k -> jdbc(pool, POSITION, data.symbol(k))));
        rows.add(compare("active orders of a symbol", n, keys,
                k -> persistence.orders().findOpenBySymbol(symbols[k % symbols.length]).size(),
                k -> jdbc(pool, OPEN_ORDERS, data.symbol(k))));

        context.progress("4 hot reads: trades of a symbol in a month, trades of an order");
        BenchRow month = compare("trades of a symbol in one month", n, keys,
                k -> persistence.trades().findBySymbol(symbols[k % symbols.length], data.month(k % DataSet.SPAN_MONTHS),
                        data.month(k % DataSet.SPAN_MONTHS + 1)).size(),
                k -> jdbc(pool, TRADES_OF_SYMBOL, data.symbol(k), time(data.month(k % DataSet.SPAN_MONTHS)),
                        time(data.month(k % DataSet.SPAN_MONTHS + 1))));
        try (Connection c = context.database().connect()) {
            String plan = explain(c, "SELECT " + TRADE_COLUMNS + " FROM trades t WHERE t.symbol = '" + data.symbol(7)
                    + "' AND t.timestamp >= '" + data.month(1) + "' AND t.timestamp < '" + data.month(2)
                    + "' ORDER BY t.timestamp, t.trade_id");
            TreeSet<String> scanned = matches(plan, " on (trades_\\w+)");
            scanned.removeIf(name -> name.endsWith("_idx"));
            month.note("EXPLAIN partitions scanned", String.join(", ", scanned) + " (of "
                    + partitions(c, "trades") + ")");
            if (scanned.size() != 1) {
                month.note("WARNING", "partition pruning did not narrow the scan to one partition");
            }
        }
        rows.add(month);
        rows.add(compare("trades of an order", n, keys,
                k -> persistence.trades().findByOrderId(OrderId.of(data.orderId(data.orderOfTrade(k)))).size(),
                k -> jdbc(pool, TRADES_OF_ORDER, data.orderId(data.orderOfTrade(k)))));

        context.progress("4 hot reads: audit events of an order");
        BenchRow audit = compare("audit events of an order", n, keys,
                k -> persistence.auditTrail().ofOrder(OrderId.of(data.orderId(k))).size(),
                k -> jdbc(pool, AUDIT_OF_ORDER, data.orderId(k)));
        Latencies gin = new Latencies();
        for (int i = 0; i < Math.min(n, 1_000); i++) {
            String json = "{\"order_id\": \"" + data.orderId(keys[i]) + "\"}";
            long t0 = System.nanoTime();
            jdbc(pool, AUDIT_CONTAINING_ORDER, json);
            if (i >= 10) {
                gin.record(System.nanoTime() - t0);
            }
        }
        Percentiles ginP = gin.percentiles();
        audit.note("GIN containment (plain JDBC) p50/p99", String.format("%.0f / %.0f us", ginP.p50(), ginP.p99()));
        try (Connection c = context.database().connect()) {
            String plan = explain(c, "SELECT id, timestamp, component, action, details, user_id, session_id, severity "
                    + "FROM audit_log WHERE order_id = '" + data.orderId(3) + "' ORDER BY timestamp, id");
            audit.note("EXPLAIN indexes", String.join(", ", matches(plan, "using (\\w+)")));
            if (plan.contains("details_idx")) {
                audit.note("WARNING", "the order's audit events are read through the GIN index");
            }
            String ginPlan = explain(c, "SELECT id FROM audit_log WHERE details @> '{\"order_id\": \""
                    + data.orderId(3) + "\"}'::jsonb ORDER BY timestamp, id");
            audit.note("EXPLAIN of the containment query", String.join(", ", matches(ginPlan, "on (\\w+_idx)")));
        }
        rows.add(audit);
        return rows;
    }

    private static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** Alternating blocks of the two paths with the same keys, after a warm-up of each; rows per call noted. */
    private static BenchRow compare(String label, int n, int[] keys, Read project, Read baseline) throws Exception {
        for (int i = 0; i < Math.min(n, 200); i++) {
            project.run(keys[i]);
            baseline.run(keys[i]);
        }
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        long rowsA = 0;
        long rowsB = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int stop = Math.min(n, start + BLOCK);
            for (int i = start; i < stop; i++) {
                long t0 = System.nanoTime();
                rowsA += project.run(keys[i]);
                a.record(System.nanoTime() - t0);
            }
            for (int i = start; i < stop; i++) {
                long t0 = System.nanoTime();
                rowsB += baseline.run(keys[i]);
                b.record(System.nanoTime() - t0);
            }
        }
        if (rowsA != rowsB) {
            throw new BenchFailure(label + ": the project read " + rowsA + " rows, the baseline " + rowsB);
        }
        return BenchRow.of("4 hot reads", label, "reads", Measurement.latency(a), Measurement.latency(b))
                .note("rows per read", String.format("%.1f", rowsA / (double) n));
    }

    /** Runs one query on a pooled connection, reading every column of every row; returns the rows. */
    private static int jdbc(DataSource pool, String sql, Object... parameters) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int col = 1; col <= columns; col++) {
                        rs.getObject(col);
                    }
                    rows++;
                }
            }
            return rows;
        }
    }

    private static String explain(Connection c, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static TreeSet<String> matches(String text, String regex) {
        TreeSet<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static int partitions(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM pg_inherits WHERE inhparent = ?::regclass")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
