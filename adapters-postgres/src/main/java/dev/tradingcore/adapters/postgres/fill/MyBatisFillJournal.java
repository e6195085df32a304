package dev.tradingcore.adapters.postgres.fill;

import dev.tradingcore.adapters.postgres.audit.AuditMapper;
import dev.tradingcore.adapters.postgres.audit.AuditRow;
import dev.tradingcore.adapters.postgres.mybatis.SqlStates;
import dev.tradingcore.adapters.postgres.mybatis.Transactions;
import dev.tradingcore.adapters.postgres.order.OrderMapper;
import dev.tradingcore.adapters.postgres.order.OrderRow;
import dev.tradingcore.adapters.postgres.position.PositionMapper;
import dev.tradingcore.adapters.postgres.position.PositionRow;
import dev.tradingcore.adapters.postgres.trade.TradeMapper;
import dev.tradingcore.adapters.postgres.trade.TradeRow;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.fill.FillRecording;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.control.Either;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * The fill journal on PostgreSQL: one READ COMMITTED transaction per fill, in this order:
 * <ol>
 *   <li>insert the trade; the {@code trades_register_trade_id} trigger makes this the idempotency check (0 rows: a
 *       replay, roll back and report the stored trade; SQLSTATE 23T01: a conflicting replay; 23503: no such
 *       order). Inserting first also means a concurrent delivery of the same trade waits here, on the registry's
 *       unique key, until the first one commits, and then sees it as a replay;</li>
 *   <li>lock the symbol's position row ({@code FOR NO KEY UPDATE}; a flat row is created first for a symbol never held,
 *       so that there is always a row to lock), then the order's row. Every fill locks in this order (position,
 *       then order), and an order has one symbol, so two fills cannot deadlock each other;</li>
 *   <li>call the domain's booking with the locked rows; a refusal rolls everything back;</li>
 *   <li>write the position (its version + 1), the order and the audit line; commit.</li>
 * </ol>
 * The row locks serialize fills of one symbol, which is what the design's SERIALIZABLE was for, without
 * serialization failures under contention; a deadlock or serialization failure (from other writers) is retried
 * by {@link Transactions}, re-reading everything, because the booking is a pure function of what it reads.
 */
final class MyBatisFillJournal implements FillJournal {

    private final SqlSessionFactory sessions;

    MyBatisFillJournal(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Either<Rejection, FillRecording> record(Trade trade, Booking booking) {
        try {
            return Transactions.inTransaction(sessions, session -> book(session, trade, booking));
        } catch (RuntimeException failure) {
            if (SqlStates.is(failure, SqlStates.CONFLICTING_TRADE_REPLAY)) {
                return Either.right(new FillRecording.Conflicting(storedTrade(trade), trade));
            }
            if (SqlStates.is(failure, SqlStates.FOREIGN_KEY_VIOLATION)) {
                return Either.left(Rejection.of("unknown_order", "trade " + trade.tradeId() + " is for order "
                        + trade.orderId() + ", which is not recorded"));
            }
            throw failure;
        }
    }

    private static Either<Rejection, FillRecording> book(SqlSession session, Trade trade, Booking booking) {
        TradeMapper trades = session.getMapper(TradeMapper.class);
        if (trades.insert(TradeRow.of(trade)) == 0) {
            Trade existing = trades.findById(trade.tradeId().value()).toTrade();
            session.rollback(true);
            return Either.right(new FillRecording.Duplicate(existing));
        }
        PositionMapper positions = session.getMapper(PositionMapper.class);
        PositionRow position = positions.lockBySymbol(trade.symbol().value());
        if (position == null) {
            positions.insertFlatIfAbsent(trade.symbol().value(), trade.timestamp());
            position = positions.lockBySymbol(trade.symbol().value());
        }
        OrderMapper orders = session.getMapper(OrderMapper.class);
        OrderRow orderRow = orders.lockById(trade.orderId().value());
        Order order = orderRow.toOrder(); // the trade's foreign key guarantees the order exists
        Either<Rejection, FillJournal.Entry> booked = booking.book(trade, position.toPosition(), order);
        if (booked.isLeft()) {
            session.rollback(true);
            return Either.left(booked.getLeft());
        }
        FillJournal.Entry entry = booked.get();
        long version = positions.upsert(PositionRow.of(entry.positionAfter()));
        orders.update(OrderRow.of(entry.orderAfter()));
        session.getMapper(AuditMapper.class).insert(AuditRow.of(entry.audit()));
        return Either.right(new FillRecording.Recorded(trade, entry.positionAfter(), entry.orderAfter(), version));
    }

    private Trade storedTrade(Trade trade) {
        try (SqlSession session = sessions.openSession(true)) {
            return session.getMapper(TradeMapper.class).findById(trade.tradeId().value()).toTrade();
        }
    }
}
