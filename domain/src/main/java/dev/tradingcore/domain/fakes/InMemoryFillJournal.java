package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.fill.ExecutionKey;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.fill.SymbolLedger;
import dev.tradingcore.domain.fill.FillRecording;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.VersionedPosition;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link FillJournal} in memory (sharing its order store with an {@link InMemoryOrderJournal}, whose lock it takes) with PostgreSQL's semantics: one fill at a time (the row locks), a replay of a
 * trade id with the same economics is a duplicate, with other economics a conflict, a trade of an unknown order is
 * refused, and a booking's refusal writes nothing. It can be told to fail as an unreachable database would.
 */
public final class InMemoryFillJournal implements FillJournal {

    private final InMemoryPositionRepository positions;
    private final InMemoryOrderRepository orders;
    private final InMemoryTradeRepository trades;
    private final InMemoryAuditLog audit;
    private final AtomicBoolean unavailable = new AtomicBoolean();

    public InMemoryFillJournal(InMemoryPositionRepository positions, InMemoryOrderRepository orders,
            InMemoryTradeRepository trades, InMemoryAuditLog audit) {
        this.positions = positions;
        this.orders = orders;
        this.trades = trades;
        this.audit = audit;
    }

    /** A journal with stores of its own. */
    public InMemoryFillJournal() {
        this(new InMemoryPositionRepository(), new InMemoryOrderRepository(), new InMemoryTradeRepository(),
                new InMemoryAuditLog());
    }

    /** Stores an order that fills may then refer to. */
    public void putOrder(Order order) {
        orders.save(order);
    }

    public Order order(OrderId id) {
        return orders.findById(id).getOrNull();
    }

    /** Every recorded trade, in recording order. */
    public List<Trade> trades() {
        return trades.all();
    }

    public List<AuditEvent> audit() {
        return audit.events();
    }

    /** While set, every call fails as if the database were unreachable. */
    public void setUnavailable(boolean value) {
        unavailable.set(value);
    }

    @Override
    public Either<Rejection, FillRecording> record(Trade trade, Booking booking) {
        synchronized (orders) {
            return recordLocked(trade, booking);
        }
    }

    private synchronized Either<Rejection, FillRecording> recordLocked(Trade trade, Booking booking) {
        if (unavailable.get()) {
            throw new StoreUnavailableException("database unavailable (test)");
        }
        Trade existing = trades.findById(trade.tradeId()).getOrNull();
        if (existing != null) {
            return Either.right(InMemoryTradeRepository.sameEconomics(existing, trade)
                    ? new FillRecording.Duplicate(existing) : new FillRecording.Conflicting(existing, trade));
        }
        Order order = orders.findById(trade.orderId()).getOrNull();
        if (order == null) {
            return Either.left(Rejection.of("unknown_order", "trade " + trade.tradeId() + " is for order "
                    + trade.orderId() + ", which is not recorded"));
        }
        Position current = positions.findBySymbol(trade.symbol()).getOrElse(() -> Position.flat(trade.symbol(),
                trade.timestamp()));
        SymbolLedger ledger = positions.ledger(trade.symbol(), trade.timestamp());
        ExecutionKey key = ExecutionKey.of(trade);
        FillRecording.Sequence sequence = ledger.sequenceOf(key);
        Either<Rejection, FillJournal.Entry> booked;
        SymbolLedger next;
        if (sequence == FillRecording.Sequence.IN_ORDER) {
            booked = booking.book(trade, current, order);
            next = ledger.booked(key);
        } else {
            List<Trade> since = trades.ofSymbolAfter(trade.symbol(), ledger.basisThrough());
            if (sequence == FillRecording.Sequence.RESEQUENCED) {
                booked = booking.rebook(trade, ledger.basis(), since.filter(t -> ExecutionKey.of(t).isBefore(key)),
                        since.filter(t -> key.isBefore(ExecutionKey.of(t))), order);
                next = ledger.booked(key);
            } else {
                booked = booking.rebook(trade, ledger.basis(), List.empty(), since, order);
                Either<Rejection, SymbolLedger> absorbed = ledger.absorbed(trade, trade.timestamp());
                if (absorbed.isLeft()) {
                    return Either.left(absorbed.getLeft());
                }
                next = absorbed.get();
            }
        }
        return booked.map(entry -> {
            VersionedPosition saved = positions.save(entry.positionAfter());
            positions.saveLedger(trade.symbol(), next);
            orders.save(entry.orderAfter());
            trades.record(trade);
            audit.append(Objects.requireNonNull(entry.audit()));
            return new FillRecording.Recorded(trade, entry.positionAfter(), entry.orderAfter(), saved.version(),
                    sequence);
        });
    }
}
