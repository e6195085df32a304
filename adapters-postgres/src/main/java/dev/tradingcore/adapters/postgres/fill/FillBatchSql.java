package dev.tradingcore.adapters.postgres.fill;

/**
 * The SQL of a batch of fills, in one place: two round trips per batch whatever its size, each several statements
 * that pgjdbc sends together (one network exchange, one Sync), with every row of the batch in array parameters
 * ({@code unnest}). Plain JDBC, not MyBatis: binding and mapping through MyBatis was half the fill path's client CPU
 * (docs/benchmarks.md), and a multi-statement exchange is not something a mapper expresses.
 *
 * <p>Locks are taken in one order by every batch: position rows by symbol, then order rows
 * by order id, then trade ids registered in trade-id order (the trade insert's {@code ORDER BY}); a batch that waits
 * for a trade id holds only rows that nobody waiting on its trade ids can want before their own commit.
 */
final class FillBatchSql {

    private FillBatchSql() {}

    static final String TRADE_COLUMNS = "t.trade_id, t.order_id, t.symbol, t.side, t.quantity, t.price, t.timestamp,"
            + " t.commission, t.trade_value, t.liquidity";

    static final String POSITION_COLUMNS = "symbol, quantity, average_price, market_value, unrealized_pnl, cost_basis,"
            + " cost_basis_exact, realized_pnl, realized_pnl_exact, total_commission, mark_price, last_updated, version,"
            + " latest_trade_at, latest_trade_id, basis::text AS basis";

    static final String ORDER_COLUMNS = "order_id, client_order_id, broker_order_id, symbol, side, quantity, order_type,"
            + " time_in_force, limit_price, stop_price, status, filled_quantity, filled_notional, filled_avg_price,"
            + " submitted_at, updated_at, filled_at, cancelled_at, error_message";

    /**
     * Round trip 1, three results in this order, after the batch's planner settings (for this transaction only):
     * generic plans, because every statement here takes arrays and PostgreSQL otherwise plans each execution anew
     * (a custom plan estimates from the array it is given, which always looks cheaper than the generic one), and
     * without the sequential scans and hash or merge joins that a generic plan picks for "10 rows" of an array of
     * unknown size: a batch's rows are found by their keys.
     * <ol>
     *   <li>the positions of the batch's symbols, locked {@code FOR NO KEY UPDATE} in symbol order (a symbol never
     *       held has no row: it starts flat and round trip 2 inserts it);</li>
     *   <li>the orders of its fills, locked the same way in order-id order (absent: the order is unknown);</li>
     *   <li>the batch's trade ids already registered, with the registered economics (the registry alone: see
     *       {@link #STORED_TRADES}). Read after the locks: a concurrent batch with the same trade holds its
     *       symbol's row until it commits, so its trade is seen here as stored, not raced at the insert.</li>
     * </ol>
     */
    static String lockAndClassify(Shape keys) {
        return keys == Shape.ONE_ROW ? LOCK_AND_CLASSIFY_ONE : LOCK_AND_CLASSIFY;
    }

    /**
     * For a batch of one fill: the same three results by scalar keys, planned for the key given like any single-row
     * statement, so without the planner settings the arrays need (their row is then not the first result).
     */
    private static final String LOCK_AND_CLASSIFY_ONE = locksAndRegistry("= ?");

    private static final String LOCK_AND_CLASSIFY = """
            SELECT set_config('plan_cache_mode', 'force_generic_plan', true),
                   set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true),
                   set_config('enable_mergejoin', 'off', true);
            """ + locksAndRegistry("= ANY(?::text[])");

    private static String locksAndRegistry(String key) {
        return """
                SELECT %1$s FROM positions WHERE symbol %3$s ORDER BY symbol FOR NO KEY UPDATE;
                SELECT %2$s FROM orders WHERE order_id %3$s ORDER BY order_id FOR NO KEY UPDATE;
                SELECT trade_id, order_id, symbol, side, quantity, price, trade_timestamp
                  FROM trade_ids WHERE trade_id %3$s
                """.formatted(POSITION_COLUMNS, ORDER_COLUMNS, key);
    }

    /**
     * The stored trades of registered ids (a replay's answer names the stored trade), by the registry's time so that
     * each is read from its partition; only when round trip 1 found some. Not joined into round trip 1: planning a
     * join over every trade partition was the most expensive statement of a batch (0.24 ms warm, EXPLAIN ANALYZE).
     */
    static final String STORED_TRADES = "SELECT " + TRADE_COLUMNS + " FROM trades t"
            + " JOIN unnest(?::text[], ?::timestamptz[]) AS r(trade_id, at) ON t.trade_id = r.trade_id"
            + " AND t.timestamp = r.at";

    /**
     * The symbol's trades since a basis (null: all), for a fill executed before fills already booked; the caller
     * orders them (execution time, then trade id as Java compares strings).
     */
    static final String TRADES_OF_SYMBOL_SINCE = "SELECT " + TRADE_COLUMNS + " FROM trades t WHERE t.symbol = ?"
            + " AND (?::timestamptz IS NULL OR t.timestamp >= ?::timestamptz)";

    /** The types of a trade row's values, in {@link #TRADE_NAMES} order. */
    private static final String[] TRADE_TYPES = {"text", "text", "text", "text", "numeric", "numeric", "timestamptz",
        "numeric", "numeric", "text"};
    private static final String TRADE_NAMES = "trade_id, order_id, symbol, side, quantity, price, timestamp,"
            + " commission, trade_value, liquidity";

    /** The types of a position's values, in {@link #POSITION_NAMES} order; the last is the fills booked on it. */
    private static final String[] POSITION_TYPES = {"text", "numeric", "numeric", "numeric", "numeric", "numeric",
        "numeric", "numeric", "numeric", "numeric", "numeric", "timestamptz", "timestamptz", "text", "text", "int"};
    private static final String POSITION_NAMES = "symbol, quantity, average_price, market_value, unrealized_pnl,"
            + " cost_basis, cost_basis_exact, realized_pnl, realized_pnl_exact, total_commission, mark_price,"
            + " last_updated, latest_trade_at, latest_trade_id, basis, fills";

    /** The types of an order's values, in {@link #ORDER_NAMES} order. */
    private static final String[] ORDER_TYPES = {"text", "text", "text", "text", "text", "numeric", "text", "text",
        "numeric", "numeric", "text", "numeric", "numeric", "numeric", "timestamptz", "timestamptz", "timestamptz",
        "timestamptz", "text"};
    private static final String ORDER_NAMES = "order_id, client_order_id, broker_order_id, symbol, side, quantity,"
            + " order_type, time_in_force, limit_price, stop_price, status, filled_quantity, filled_notional,"
            + " filled_avg_price, submitted_at, updated_at, filled_at, cancelled_at, error_message";

    /** The types of an audit line's values: time, component, action, details, user, session, severity. */
    private static final String[] AUDIT_TYPES = {"timestamptz", "text", "text", "text", "text", "text", "text"};
    private static final String AUDIT_NAMES = "at, component, action, details, user_id, session_id, severity";

    /**
     * How a batch's rows reach the server. Both shapes take the same values in the same parameter order, so one
     * binding serves both; only the SQL around them differs.
     */
    enum Shape {
        /**
         * One array parameter per column, joined row by row through {@code unnest}: the statement text is the same
         * for any number of rows, so it is parsed and planned once per connection.
         */
        ARRAYS,
        /**
         * One row, one scalar parameter per value: a batch of one (every fill at one or two writers) pays neither
         * the arrays' parsing nor the generic plan's function scan. Measured with pg_stat_statements at one writer
         * (docs/benchmarks.md): the four writes took 905 us of the server's execution time in the array shape
         * against 563 us as the single-row statements of the per-fill path.
         */
        ONE_ROW;

        /** The shape for a statement over {@code rows} rows. */
        static Shape of(int rows) {
            return rows == 1 ? ONE_ROW : ARRAYS;
        }

        /** The rows of {@code types}, followed by {@code alias} (e.g. {@code AS u(a, b)}), to join or select from. */
        private String rows(String[] types, String alias) {
            StringBuilder sql = new StringBuilder(this == ARRAYS ? "unnest(" : "(VALUES (");
            for (int i = 0; i < types.length; i++) {
                sql.append(i == 0 ? "" : ", ").append("?::").append(types[i]).append(this == ARRAYS ? "[]" : "");
            }
            return sql.append(this == ARRAYS ? ") " : ")) ").append(alias).toString();
        }
    }

    /**
     * Round trip 2, four statements in this order:
     * <ol>
     *   <li>the booked fills' trades, in trade-id order, returning the ids stored: the registry trigger skips a replay
     *       and raises 23T01 on a conflicting one, which here can only be a delivery that committed after round trip
     *       1 read the registry (the batch then runs again and sees it);</li>
     *   <li>one update per touched position: its state after the batch's last fill of the symbol, the version raised
     *       by the number of fills booked (each fill's own version is then the one it would have had alone);</li>
     *   <li>one update per touched order: its state after the batch's last fill of it;</li>
     *   <li>the audit lines, in booking order (serial ids follow it).</li>
     * </ol>
     * {@link #newPositions} is appended when the batch holds symbols never held before. Each statement's rows come
     * in the shape their count calls for ({@link Shape#of}).
     */
    static String book(Shape trades, Shape positions, Shape orders, Shape audits) {
        return BOOK[trades.ordinal()][positions.ordinal()][orders.ordinal()][audits.ordinal()];
    }

    /** Every combination of shapes, built once: a batch picks its statement, it does not format one. */
    private static final String[][][][] BOOK = new String[2][2][2][2];

    static {
        for (Shape trades : Shape.values()) {
            for (Shape positions : Shape.values()) {
                for (Shape orders : Shape.values()) {
                    for (Shape audits : Shape.values()) {
                        BOOK[trades.ordinal()][positions.ordinal()][orders.ordinal()][audits.ordinal()] =
                                formatBook(trades, positions, orders, audits);
                    }
                }
            }
        }
    }

    private static String formatBook(Shape trades, Shape positions, Shape orders, Shape audits) {
        return """
                INSERT INTO trades (%1$s)
                SELECT * FROM %2$s
                 ORDER BY trade_id
                RETURNING trade_id;
                UPDATE positions p SET
                       quantity = u.quantity, average_price = u.average_price, market_value = u.market_value,
                       unrealized_pnl = u.unrealized_pnl, cost_basis = u.cost_basis,
                       cost_basis_exact = u.cost_basis_exact, realized_pnl = u.realized_pnl,
                       realized_pnl_exact = u.realized_pnl_exact, total_commission = u.total_commission,
                       mark_price = u.mark_price, last_updated = u.last_updated, latest_trade_at = u.latest_trade_at,
                       latest_trade_id = u.latest_trade_id, basis = u.basis::jsonb, version = p.version + u.fills
                  FROM %3$s
                 WHERE p.symbol = u.symbol
                RETURNING p.symbol, p.version;
                UPDATE orders o SET
                       client_order_id = u.client_order_id, broker_order_id = u.broker_order_id, symbol = u.symbol,
                       side = u.side, quantity = u.quantity, order_type = u.order_type,
                       time_in_force = u.time_in_force, limit_price = u.limit_price, stop_price = u.stop_price,
                       status = u.status, filled_quantity = u.filled_quantity, filled_notional = u.filled_notional,
                       filled_avg_price = u.filled_avg_price, submitted_at = u.submitted_at,
                       updated_at = u.updated_at, filled_at = u.filled_at, cancelled_at = u.cancelled_at,
                       error_message = u.error_message
                  FROM %4$s
                 WHERE o.order_id = u.order_id;
                INSERT INTO audit_log (timestamp, component, action, details, user_id, session_id, severity)
                SELECT a.at, a.component, a.action, a.details::jsonb, a.user_id, a.session_id, a.severity
                  FROM %5$s
                """.formatted(TRADE_NAMES, trades.rows(TRADE_TYPES, "AS t(" + TRADE_NAMES + ")"),
                positions.rows(POSITION_TYPES, "AS u(" + POSITION_NAMES + ")"),
                orders.rows(ORDER_TYPES, "AS u(" + ORDER_NAMES + ")"),
                audits == Shape.ARRAYS // serial ids in booking order
                        ? audits.rows(AUDIT_TYPES, "WITH ORDINALITY AS a(" + AUDIT_NAMES + ", n) ORDER BY a.n")
                        : audits.rows(AUDIT_TYPES, "AS a(" + AUDIT_NAMES + ")"));
    }

    /**
     * Appended to {@link #book} when needed: the positions of symbols never held before, inserted (a plain insert: if
     * a concurrent batch inserted the symbol first, 23505 runs this batch again, which then finds and locks its row).
     */
    static String newPositions(Shape rows) {
        return rows == Shape.ONE_ROW ? NEW_POSITION : NEW_POSITIONS;
    }

    private static final String NEW_POSITION = formatNewPositions(Shape.ONE_ROW);
    private static final String NEW_POSITIONS = formatNewPositions(Shape.ARRAYS);

    private static String formatNewPositions(Shape rows) {
        return """
                ;
                INSERT INTO positions (symbol, quantity, average_price, market_value, unrealized_pnl, cost_basis,
                                       cost_basis_exact, realized_pnl, realized_pnl_exact, total_commission,
                                       mark_price, last_updated, latest_trade_at, latest_trade_id, basis, version)
                SELECT u.symbol, u.quantity, u.average_price, u.market_value, u.unrealized_pnl, u.cost_basis,
                       u.cost_basis_exact, u.realized_pnl, u.realized_pnl_exact, u.total_commission, u.mark_price,
                       u.last_updated, u.latest_trade_at, u.latest_trade_id, u.basis::jsonb, u.fills
                  FROM %s
                 ORDER BY u.symbol
                RETURNING symbol, version
                """.formatted(rows.rows(POSITION_TYPES, "AS u(" + POSITION_NAMES + ")"));
    }
}
