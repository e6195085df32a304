package dev.tradingcore.adapters.postgres.fill;

import dev.tradingcore.adapters.postgres.audit.AuditRow;
import dev.tradingcore.adapters.postgres.fill.FillBatchSql.Shape;
import dev.tradingcore.adapters.postgres.order.OrderRow;
import dev.tradingcore.adapters.postgres.position.LedgerRow;
import dev.tradingcore.adapters.postgres.position.LockedPositionRow;
import dev.tradingcore.adapters.postgres.position.PositionRow;
import dev.tradingcore.adapters.postgres.trade.TradeRow;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.fill.ExecutionKey;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.fill.FillRecording;
import dev.tradingcore.domain.fill.SymbolLedger;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.control.Either;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Books one batch of fills in the connection's open transaction with set-based SQL ({@link FillBatchSql}): one round
 * trip locks the batch's positions and orders and reads which of its trade ids are already registered; the domain
 * then books the fills one after the other in memory, each on the rows as the fills before it left them; a second
 * round trip writes the trades of the booked fills, one update per touched position and per touched order, the new
 * positions and the audit lines. Nothing is committed here.
 *
 * <p>Per fill, the answer is the one {@link MyBatisFillJournal} gives alone: a trade id already registered (before the
 * batch, or by an earlier fill of the same batch) is a duplicate if its economics match and a conflict if not; a fill
 * of an unknown order or one the domain refuses is answered with the refusal and changes nothing, so it never rolls
 * back its neighbours; a booking that throws fails that fill only. The state carried from fill to fill is the state
 * as stored (timestamps at the microsecond the database keeps), so that a batch books exactly what the same fills
 * booked one transaction each would.
 *
 * <p>If the trade insert stores fewer trades than were booked, or raises a conflicting replay (23T01) or a unique
 * violation on a new position (23505), a concurrent delivery committed between the two round trips: the batch's
 * bookings are then wrong, and {@link Raced} tells the caller to roll back and run the whole batch again.
 */
final class SetBasedFillBatch {

    /** One fill to book and the domain's booking for it. */
    record Item(Trade trade, FillJournal.Booking booking) {
    }

    /** What booking one fill gave: an answer, or a failure of this fill alone. */
    record Outcome(Either<Rejection, FillRecording> answer, RuntimeException failure) {
    }

    /** A concurrent delivery committed between the batch's reads and its writes: run the batch again. */
    static final class Raced extends RuntimeException {
        Raced(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Connection connection;
    private int roundTrips;

    private SetBasedFillBatch(Connection connection) {
        this.connection = connection;
    }

    /**
     * Books {@code items} in order (the caller sorts them symbol by symbol); returns one outcome per item, in the
     * same order, and the round trips it took (the commit not counted).
     */
    static Booked book(Connection connection, List<Item> items) {
        SetBasedFillBatch batch = new SetBasedFillBatch(connection);
        try {
            List<Outcome> outcomes = batch.bookAll(items);
            return new Booked(outcomes, batch.roundTrips);
        } catch (SQLException failed) {
            throw new FillBatchFailure(failed);
        }
    }

    /** The outcomes of a batch and the round trips it took before its commit. */
    record Booked(List<Outcome> outcomes, int roundTrips) {
    }

    /** A failure of the database while booking a batch: every caller of the batch gets it. */
    static final class FillBatchFailure extends RuntimeException {
        FillBatchFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A position as stored (its row, its ledger) and whether it has a row yet. */
    private record Held(PositionRow position, LedgerRow ledger, boolean stored) {
    }

    /** A fill booked in memory, to be written. */
    private record Written(int index, Trade trade, FillJournal.Entry entry, FillRecording.Sequence sequence) {
    }

    private List<Outcome> bookAll(List<Item> items) throws SQLException {
        SortedSet<String> symbols = new TreeSet<>();
        SortedSet<String> orderIds = new TreeSet<>();
        SortedSet<String> tradeIds = new TreeSet<>();
        for (Item item : items) {
            symbols.add(item.trade().symbol().value());
            orderIds.add(item.trade().orderId().value());
            tradeIds.add(item.trade().tradeId().value());
        }
        Map<String, Held> positions = new HashMap<>();
        Map<String, OrderRow> orders = new HashMap<>();
        /** Trade id -> what is registered under it: the stored trade (null if archived) and its economics. */
        Map<String, Registered> registered = new HashMap<>();
        boolean one = Shape.of(items.size()) == Shape.ONE_ROW;
        try (PreparedStatement st = connection.prepareStatement(FillBatchSql.lockAndClassify(Shape.of(items.size())))) {
            if (one) {
                st.setString(1, symbols.getFirst());
                st.setString(2, orderIds.getFirst());
                st.setString(3, tradeIds.getFirst());
            } else {
                st.setArray(1, texts(symbols));
                st.setArray(2, texts(orderIds));
                st.setArray(3, texts(tradeIds));
            }
            roundTrips++;
            st.execute();
            if (!one) {
                next(st); // past the planner settings' row
            }
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    LockedPositionRow row = lockedPosition(rs);
                    positions.put(row.symbol(), new Held(asStored(row.position()), asStored(row.ledger()), true));
                }
            }
            next(st);
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    OrderRow row = order(rs);
                    orders.put(row.orderId(), asStored(row));
                }
            }
            next(st);
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    registered.put(rs.getString("trade_id"), new Registered(null, rs.getString("order_id"),
                            rs.getString("symbol"), rs.getString("side"), rs.getBigDecimal("quantity"),
                            rs.getBigDecimal("price"), instant(rs, "trade_timestamp")));
                }
            }
        }
        if (!registered.isEmpty()) {
            withStoredTrades(registered);
        }

        List<Outcome> outcomes = new ArrayList<>(items.size());
        List<Written> written = new ArrayList<>();
        Map<String, List<Trade>> bookedOfSymbol = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Trade trade = item.trade();
            Registered known = registered.get(trade.tradeId().value());
            if (known != null) {
                outcomes.add(known.answerTo(trade));
                continue;
            }
            OrderRow orderRow = orders.get(trade.orderId().value());
            if (orderRow == null) {
                outcomes.add(new Outcome(Either.left(MyBatisFillJournal.unknownOrder(trade)), null));
                continue;
            }
            String symbol = trade.symbol().value();
            Held held = positions.computeIfAbsent(symbol, s -> flat(trade));
            try {
                Step step = bookOne(item, held, orderRow, bookedOfSymbol.getOrDefault(symbol, List.of()));
                if (step.refusal() != null) {
                    if (!held.stored() && !bookedOfSymbol.containsKey(symbol)) {
                        positions.remove(symbol); // the next fill of a new symbol starts flat at its own time
                    }
                    outcomes.add(new Outcome(Either.left(step.refusal()), null));
                    continue;
                }
                FillJournal.Entry entry = step.entry();
                positions.put(symbol, new Held(asStored(PositionRow.of(entry.positionAfter())),
                        asStored(LedgerRow.of(trade.symbol(), step.ledgerAfter())), held.stored()));
                orders.put(trade.orderId().value(), asStored(OrderRow.of(entry.orderAfter())));
                Trade asStored = asStored(trade);
                registered.put(trade.tradeId().value(), Registered.of(asStored));
                bookedOfSymbol.computeIfAbsent(symbol, s -> new ArrayList<>()).add(asStored);
                written.add(new Written(i, trade, entry, step.sequence()));
                outcomes.add(null); // answered once the writes report the position's version
            } catch (RuntimeException defect) {
                // A defect in this fill's booking (not the database's): this fill fails, its neighbours stand.
                if (!held.stored() && !bookedOfSymbol.containsKey(symbol)) {
                    positions.remove(symbol);
                }
                outcomes.add(new Outcome(null, defect));
            }
        }
        if (!written.isEmpty()) {
            write(written, positions, orders, bookedOfSymbol, outcomes);
        }
        return outcomes;
    }

    /** The result of booking one fill in memory: a refusal, or the entry with the ledger after it. */
    private record Step(Rejection refusal, FillJournal.Entry entry, SymbolLedger ledgerAfter,
            FillRecording.Sequence sequence) {
    }

    /** One fill on the rows as the batch's earlier fills left them: {@link MyBatisFillJournal#book}, in memory. */
    private Step bookOne(Item item, Held held, OrderRow orderRow, List<Trade> bookedBeforeInBatch)
            throws SQLException {
        Trade trade = item.trade();
        FillJournal.Booking booking = item.booking();
        SymbolLedger ledger = held.ledger().toLedger(trade.timestamp());
        ExecutionKey key = ExecutionKey.of(trade);
        FillRecording.Sequence sequence = ledger.sequenceOf(key);
        Either<Rejection, FillJournal.Entry> booked;
        SymbolLedger next;
        if (sequence == FillRecording.Sequence.IN_ORDER) {
            booked = booking.book(trade, held.position().toPosition(), orderRow.toOrder());
            next = ledger.booked(key);
        } else {
            // Executed before fills of its symbol already booked: replay from the basis, in execution order; the
            // symbol's trades are the stored ones and those this batch booked before this fill.
            io.vavr.collection.List<Trade> since = io.vavr.collection.List.ofAll(tradesOfSymbolSince(trade,
                            ledger.basisThrough().map(ExecutionKey::executedAt).getOrNull()))
                    .appendAll(bookedBeforeInBatch)
                    .filter(t -> !t.tradeId().equals(trade.tradeId())
                            && ledger.basisThrough().forAll(through -> through.isBefore(ExecutionKey.of(t))))
                    .sortBy(ExecutionKey::of);
            if (sequence == FillRecording.Sequence.RESEQUENCED) {
                booked = booking.rebook(trade, ledger.basis(), since.filter(t -> ExecutionKey.of(t).isBefore(key)),
                        since.filter(t -> key.isBefore(ExecutionKey.of(t))), orderRow.toOrder());
                next = ledger.booked(key);
            } else {
                booked = booking.rebook(trade, ledger.basis(), io.vavr.collection.List.empty(), since,
                        orderRow.toOrder());
                Either<Rejection, SymbolLedger> absorbed = ledger.absorbed(trade, trade.timestamp());
                if (absorbed.isLeft()) {
                    return new Step(absorbed.getLeft(), null, null, sequence);
                }
                next = absorbed.get();
            }
        }
        if (booked.isLeft()) {
            return new Step(booked.getLeft(), null, null, sequence);
        }
        return new Step(null, booked.get(), next, sequence);
    }

    /** Adds the stored trade to each registered id (a replay's answer names it); one more round trip. */
    private void withStoredTrades(Map<String, Registered> registered) throws SQLException {
        List<String> ids = new ArrayList<>(registered.keySet());
        String[] at = ids.stream().map(id -> registered.get(id).registeredAt().toString()).toArray(String[]::new);
        try (PreparedStatement st = connection.prepareStatement(FillBatchSql.STORED_TRADES)) {
            st.setArray(1, connection.createArrayOf("text", ids.toArray(String[]::new)));
            st.setArray(2, connection.createArrayOf("text", at));
            roundTrips++;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Trade stored = trade(rs).toTrade();
                    registered.computeIfPresent(stored.tradeId().value(), (id, r) -> r.withStored(stored));
                }
            }
        }
    }

    private List<Trade> tradesOfSymbolSince(Trade trade, Instant from) throws SQLException {
        List<Trade> trades = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(FillBatchSql.TRADES_OF_SYMBOL_SINCE)) {
            st.setString(1, trade.symbol().value());
            OffsetDateTime at = from == null ? null : OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC);
            st.setObject(2, at);
            st.setObject(3, at);
            roundTrips++;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    trades.add(trade(rs).toTrade());
                }
            }
        }
        return trades;
    }

    private void write(List<Written> written, Map<String, Held> positions, Map<String, OrderRow> orders,
            Map<String, List<Trade>> bookedOfSymbol, List<Outcome> outcomes) throws SQLException {
        Map<String, Integer> fillsOfSymbol = new LinkedHashMap<>();
        Set<String> touchedOrders = new TreeSet<>();
        for (Written w : written) {
            fillsOfSymbol.merge(w.trade().symbol().value(), 1, Integer::sum);
            touchedOrders.add(w.trade().orderId().value());
        }
        List<String> updated = new ArrayList<>();
        List<String> inserted = new ArrayList<>();
        for (String symbol : new TreeSet<>(fillsOfSymbol.keySet())) {
            (positions.get(symbol).stored() ? updated : inserted).add(symbol);
        }
        Map<String, Long> versions = new HashMap<>();
        int storedTrades = 0;
        List<OrderRow> orderRows = touchedOrders.stream().map(orders::get).toList();
        String sql = FillBatchSql.book(Shape.of(written.size()), Shape.of(updated.size()), Shape.of(orderRows.size()),
                Shape.of(written.size())) + (inserted.isEmpty() ? "" : FillBatchSql.newPositions(
                        Shape.of(inserted.size())));
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            int p = 1;
            List<TradeRow> trades = written.stream().map(w -> TradeRow.of(w.trade())).toList();
            p = column(st, p, trades, TradeRow::tradeId, TradeRow::orderId, TradeRow::symbol, TradeRow::side,
                    TradeRow::quantity, TradeRow::price, TradeRow::timestamp, TradeRow::commission,
                    TradeRow::tradeValue, TradeRow::liquidity);
            p = positionColumns(st, p, updated, positions, fillsOfSymbol);
            p = column(st, p, orderRows, OrderRow::orderId, OrderRow::clientOrderId, OrderRow::brokerOrderId,
                    OrderRow::symbol, OrderRow::side, OrderRow::quantity, OrderRow::orderType, OrderRow::timeInForce,
                    OrderRow::limitPrice, OrderRow::stopPrice, OrderRow::status, OrderRow::filledQuantity,
                    OrderRow::filledNotional, OrderRow::filledAvgPrice, OrderRow::submittedAt, OrderRow::updatedAt,
                    OrderRow::filledAt, OrderRow::cancelledAt, OrderRow::errorMessage);
            List<AuditRow> audits = written.stream().map(w -> AuditRow.of(w.entry().audit())).toList();
            p = column(st, p, audits, AuditRow::timestamp, AuditRow::component, AuditRow::action, AuditRow::details,
                    AuditRow::userId, AuditRow::sessionId, AuditRow::severity);
            if (!inserted.isEmpty()) {
                positionColumns(st, p, inserted, positions, fillsOfSymbol);
            }
            roundTrips++;
            try {
                st.execute();
                try (ResultSet rs = st.getResultSet()) {
                    while (rs.next()) {
                        storedTrades++;
                    }
                }
                next(st);
                try (ResultSet rs = st.getResultSet()) {
                    while (rs.next()) {
                        versions.put(rs.getString(1), rs.getLong(2));
                    }
                }
                st.getMoreResults(); // the orders' update count
                st.getMoreResults(); // the audit lines' count
                if (!inserted.isEmpty()) {
                    next(st);
                    try (ResultSet rs = st.getResultSet()) {
                        while (rs.next()) {
                            versions.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
            } catch (SQLException failed) {
                String state = failed.getSQLState();
                if ("23T01".equals(state) || "23505".equals(state) || "23503".equals(state)) {
                    throw new Raced("a concurrent delivery committed while the batch was booked (SQLSTATE " + state
                            + ")", failed);
                }
                throw failed;
            }
        }
        if (storedTrades != written.size()) {
            throw new Raced(written.size() - storedTrades + " of the batch's trades were stored meanwhile by"
                    + " another delivery", null);
        }
        if (versions.size() != fillsOfSymbol.size()) {
            throw new IllegalStateException("positions written " + versions.keySet() + ", booked "
                    + fillsOfSymbol.keySet());
        }
        // Each fill's version: the one it would have had booked alone (the symbol's k-th fill of the batch gets
        // the version before the batch + k), so that the cache, which keeps the highest, ends at the stored row.
        Map<String, Integer> seen = new HashMap<>();
        for (Written w : written) {
            String symbol = w.trade().symbol().value();
            int k = seen.merge(symbol, 1, Integer::sum);
            long version = versions.get(symbol) - fillsOfSymbol.get(symbol) + k;
            outcomes.set(w.index(), new Outcome(Either.right(new FillRecording.Recorded(w.trade(),
                    w.entry().positionAfter(), w.entry().orderAfter(), version, w.sequence())), null));
        }
    }

    private int positionColumns(PreparedStatement st, int p, List<String> symbols, Map<String, Held> positions,
            Map<String, Integer> fillsOfSymbol) throws SQLException {
        List<Held> rows = symbols.stream().map(positions::get).toList();
        p = column(st, p, rows, h -> h.position().symbol(), h -> h.position().quantity(),
                h -> h.position().averagePrice(), h -> h.position().marketValue(), h -> h.position().unrealizedPnl(),
                h -> h.position().costBasis(), h -> h.position().costBasisExact(), h -> h.position().realizedPnl(),
                h -> h.position().realizedPnlExact(), h -> h.position().totalCommission(),
                h -> h.position().markPrice(), h -> h.position().lastUpdated(), h -> h.ledger().latestTradeAt(),
                h -> h.ledger().latestTradeId(), h -> h.ledger().basis());
        return column(st, p, symbols, fillsOfSymbol::get);
    }

    /**
     * Sets one parameter per column from p on, in the shape {@link FillBatchSql} gives {@code rows} rows: a text array
     * of the column's values, or the one row's value as text of no declared type (the statement casts each);
     * returns the next parameter's index.
     */
    @SafeVarargs
    private <T> int column(PreparedStatement st, int p, List<T> rows, Function<T, Object>... columns)
            throws SQLException {
        boolean oneRow = Shape.of(rows.size()) == Shape.ONE_ROW;
        for (Function<T, Object> column : columns) {
            if (oneRow) {
                st.setObject(p++, text(column.apply(rows.getFirst())), Types.OTHER);
                continue;
            }
            String[] values = new String[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = text(column.apply(rows.get(i)));
            }
            st.setArray(p++, connection.createArrayOf("text", values));
        }
        return p;
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal decimal -> decimal.toPlainString();
            default -> value.toString(); // Instant: ISO-8601 in UTC, which timestamptz reads exactly
        };
    }

    private Array texts(Set<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(String[]::new));
    }

    private static void next(PreparedStatement st) throws SQLException {
        if (!st.getMoreResults()) {
            throw new SQLException("a statement of the fill batch returned no rows where rows were expected");
        }
    }

    /** What is registered under a trade id, and the answer a fill with that id gets. */
    private record Registered(Trade stored, String orderId, String symbol, String side, BigDecimal quantity,
            BigDecimal price, Instant registeredAt) {

        static Registered of(Trade trade) {
            return new Registered(trade, trade.orderId().value(), trade.symbol().value(), trade.side().code(),
                    trade.quantity().value(), trade.price().value(), trade.timestamp());
        }

        Registered withStored(Trade trade) {
            return new Registered(trade, orderId, symbol, side, quantity, price, registeredAt);
        }

        /** The registry trigger's rule: the same order, symbol, side, quantity and price is a replay. */
        Outcome answerTo(Trade trade) {
            if (stored == null) {
                return new Outcome(null, new IllegalStateException("trade " + trade.tradeId() + " is registered but"
                        + " its row is not in the trades table (archived?); it cannot be compared"));
            }
            boolean same = orderId.equals(trade.orderId().value()) && symbol.equals(trade.symbol().value())
                    && side.equals(trade.side().code()) && quantity.compareTo(trade.quantity().value()) == 0
                    && price.compareTo(trade.price().value()) == 0;
            return new Outcome(Either.right(same ? new FillRecording.Duplicate(stored)
                    : new FillRecording.Conflicting(stored, trade)), null);
        }
    }

    /** The position of a symbol never held, as the single-fill path's flat row for its first fill would be. */
    private static Held flat(Trade first) {
        Instant at = asStored(first.timestamp());
        return new Held(new PositionRow(first.symbol().value(), BigDecimal.ZERO, null, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                null, at, 0L), new LedgerRow(first.symbol().value(), null, null, null), false);
    }

    /** An instant as timestamptz keeps it: to the microsecond, rounded half up. */
    private static Instant asStored(Instant instant) {
        return instant == null ? null : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    private static PositionRow asStored(PositionRow r) {
        return new PositionRow(r.symbol(), r.quantity(), r.averagePrice(), r.marketValue(), r.unrealizedPnl(),
                r.costBasis(), r.costBasisExact(), r.realizedPnl(), r.realizedPnlExact(), r.totalCommission(),
                r.markPrice(), asStored(r.lastUpdated()), r.version());
    }

    private static LedgerRow asStored(LedgerRow r) {
        return new LedgerRow(r.symbol(), asStored(r.latestTradeAt()), r.latestTradeId(), r.basis());
    }

    private static OrderRow asStored(OrderRow r) {
        return new OrderRow(r.orderId(), r.clientOrderId(), r.brokerOrderId(), r.symbol(), r.side(), r.quantity(),
                r.orderType(), r.timeInForce(), r.limitPrice(), r.stopPrice(), r.status(), r.filledQuantity(),
                r.filledNotional(), r.filledAvgPrice(), asStored(r.submittedAt()), asStored(r.updatedAt()),
                asStored(r.filledAt()), asStored(r.cancelledAt()), r.errorMessage());
    }

    private static Trade asStored(Trade trade) {
        if (trade.timestamp().equals(asStored(trade.timestamp()))) {
            return trade; // already what the row keeps: no second trip through the row and the domain's checks
        }
        TradeRow row = TradeRow.of(trade);
        return new TradeRow(row.tradeId(), row.orderId(), row.symbol(), row.side(), row.quantity(), row.price(),
                asStored(row.timestamp()), row.commission(), row.tradeValue(), row.liquidity()).toTrade();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static LockedPositionRow lockedPosition(ResultSet rs) throws SQLException {
        return new LockedPositionRow(rs.getString("symbol"), rs.getBigDecimal("quantity"),
                rs.getBigDecimal("average_price"), rs.getBigDecimal("market_value"),
                rs.getBigDecimal("unrealized_pnl"), rs.getBigDecimal("cost_basis"),
                rs.getBigDecimal("cost_basis_exact"), rs.getBigDecimal("realized_pnl"),
                rs.getBigDecimal("realized_pnl_exact"), rs.getBigDecimal("total_commission"),
                rs.getBigDecimal("mark_price"), instant(rs, "last_updated"), rs.getLong("version"),
                instant(rs, "latest_trade_at"), rs.getString("latest_trade_id"), rs.getString("basis"));
    }

    private static OrderRow order(ResultSet rs) throws SQLException {
        return new OrderRow(rs.getString("order_id"), rs.getString("client_order_id"),
                rs.getString("broker_order_id"), rs.getString("symbol"), rs.getString("side"),
                rs.getBigDecimal("quantity"), rs.getString("order_type"), rs.getString("time_in_force"),
                rs.getBigDecimal("limit_price"), rs.getBigDecimal("stop_price"), rs.getString("status"),
                rs.getBigDecimal("filled_quantity"), rs.getBigDecimal("filled_notional"),
                rs.getBigDecimal("filled_avg_price"), instant(rs, "submitted_at"), instant(rs, "updated_at"),
                instant(rs, "filled_at"), instant(rs, "cancelled_at"), rs.getString("error_message"));
    }

    private static TradeRow trade(ResultSet rs) throws SQLException {
        return new TradeRow(rs.getString("trade_id"), rs.getString("order_id"), rs.getString("symbol"),
                rs.getString("side"), rs.getBigDecimal("quantity"), rs.getBigDecimal("price"),
                instant(rs, "timestamp"), rs.getBigDecimal("commission"), rs.getBigDecimal("trade_value"),
                rs.getString("liquidity"));
    }
}
