package dev.tradingcore.adapters.postgres.fill;

import dev.tradingcore.adapters.postgres.audit.AuditMapper;
import dev.tradingcore.adapters.postgres.audit.AuditRow;
import dev.tradingcore.adapters.postgres.mybatis.SqlStates;
import dev.tradingcore.adapters.postgres.mybatis.Transactions;
import dev.tradingcore.adapters.postgres.order.OrderMapper;
import dev.tradingcore.adapters.postgres.order.OrderRow;
import dev.tradingcore.adapters.postgres.position.BookedPosition;
import dev.tradingcore.adapters.postgres.position.LedgerRow;
import dev.tradingcore.adapters.postgres.position.LockedPositionRow;
import dev.tradingcore.adapters.postgres.position.PositionMapper;
import dev.tradingcore.adapters.postgres.position.PositionRow;
import dev.tradingcore.adapters.postgres.trade.TradeMapper;
import dev.tradingcore.adapters.postgres.trade.TradeRow;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.fill.ExecutionKey;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.fill.SymbolLedger;
import dev.tradingcore.domain.fill.FillRecording;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.collection.List;
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
 *   <li>call the domain's booking with the locked rows; a refusal rolls everything back. A fill executed before
 *       fills of its symbol already booked (the row's {@code latest_trade_at}/{@code latest_trade_id}) is booked by
 *       replaying the symbol's trades since the row's {@code basis} in execution order, so that average price and
 *       realized P&amp;L never depend on the order fills arrive in;</li>
 *   <li>write the position with its ledger (its version + 1), the order and the audit line; commit.</li>
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
            return Transactions.inTransaction(sessions, session -> book(session, trade, booking,
                    () -> session.rollback(true)));
        } catch (RuntimeException failure) {
            if (SqlStates.is(failure, SqlStates.CONFLICTING_TRADE_REPLAY)) {
                return Either.right(new FillRecording.Conflicting(storedTrade(trade), trade));
            }
            if (SqlStates.is(failure, SqlStates.FOREIGN_KEY_VIOLATION)) {
                return Either.left(unknownOrder(trade));
            }
            throw failure;
        }
    }

    /**
     * Books one fill in the session's open transaction. {@link SetBasedFillBatch} books a batch the same way in
     * memory; {@code CombiningFillJournalTest} compares the two.
     *
     * @param undo undoes what this fill wrote so far, when it turns out a replay or is refused (the transaction)
     */
    static Either<Rejection, FillRecording> book(SqlSession session, Trade trade, Booking booking, Runnable undo) {
        TradeMapper trades = session.getMapper(TradeMapper.class);
        if (trades.insert(TradeRow.of(trade)) == 0) {
            Trade existing = trades.findById(trade.tradeId().value()).toTrade();
            undo.run();
            return Either.right(new FillRecording.Duplicate(existing));
        }
        PositionMapper positions = session.getMapper(PositionMapper.class);
        LockedPositionRow locked = positions.lockBooked(trade.symbol().value());
        if (locked == null) {
            positions.insertFlatIfAbsent(trade.symbol().value(), trade.timestamp());
            locked = positions.lockBooked(trade.symbol().value());
        }
        OrderMapper orders = session.getMapper(OrderMapper.class);
        OrderRow orderRow = orders.lockById(trade.orderId().value());
        Order order = orderRow.toOrder(); // the trade's foreign key guarantees the order exists
        SymbolLedger ledger = locked.ledger().toLedger(trade.timestamp());
        ExecutionKey key = ExecutionKey.of(trade);
        FillRecording.Sequence sequence = ledger.sequenceOf(key);
        Either<Rejection, FillJournal.Entry> booked;
        SymbolLedger next;
        if (sequence == FillRecording.Sequence.IN_ORDER) {
            booked = booking.book(trade, locked.position().toPosition(), order);
            next = ledger.booked(key);
        } else {
            // Executed before fills of its symbol already booked: replay from the basis, in execution order.
            List<Trade> since = List.ofAll(trades.ofSymbolSince(trade.symbol().value(),
                            ledger.basisThrough().map(ExecutionKey::executedAt).getOrNull()))
                    .map(TradeRow::toTrade)
                    .filter(t -> !t.tradeId().equals(trade.tradeId())
                            && ledger.basisThrough().forAll(through -> through.isBefore(ExecutionKey.of(t))))
                    .sortBy(ExecutionKey::of);
            if (sequence == FillRecording.Sequence.RESEQUENCED) {
                booked = booking.rebook(trade, ledger.basis(), since.filter(t -> ExecutionKey.of(t).isBefore(key)),
                        since.filter(t -> key.isBefore(ExecutionKey.of(t))), order);
                next = ledger.booked(key);
            } else {
                booked = booking.rebook(trade, ledger.basis(), List.empty(), since, order);
                Either<Rejection, SymbolLedger> absorbed = ledger.absorbed(trade, trade.timestamp());
                if (absorbed.isLeft()) {
                    undo.run();
                    return Either.left(absorbed.getLeft());
                }
                next = absorbed.get();
            }
        }
        if (booked.isLeft()) {
            undo.run();
            return Either.left(booked.getLeft());
        }
        FillJournal.Entry entry = booked.get();
        long version = positions.saveBooked(new BookedPosition(PositionRow.of(entry.positionAfter()),
                LedgerRow.of(trade.symbol(), next)));
        orders.update(OrderRow.of(entry.orderAfter()));
        session.getMapper(AuditMapper.class).insert(AuditRow.of(entry.audit()));
        return Either.right(new FillRecording.Recorded(trade, entry.positionAfter(), entry.orderAfter(), version,
                sequence));
    }

    /** The refusal of a fill whose order is not recorded (the trade's foreign key said so). */
    static Rejection unknownOrder(Trade trade) {
        return Rejection.of("unknown_order", "trade " + trade.tradeId() + " is for order " + trade.orderId()
                + ", which is not recorded");
    }

    private Trade storedTrade(Trade trade) {
        try (SqlSession session = sessions.openSession(true)) {
            return session.getMapper(TradeMapper.class).findById(trade.tradeId().value()).toTrade();
        }
    }
}
