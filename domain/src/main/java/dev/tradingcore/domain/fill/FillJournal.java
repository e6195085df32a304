package dev.tradingcore.domain.fill;

import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;
import io.vavr.control.Either;

/**
 * The ledger of fills: records one fill and all its effects in a single transaction, exactly once.
 *
 * <p>Either everything is written (the trade row, the position after the fill, the order after the fill and the
 * audit line) or nothing is. The trade id is the idempotency key: if a trade with the same id is already recorded,
 * nothing is written and the answer is {@link FillRecording.Duplicate}. A fill can therefore be delivered any number
 * of times (stream, polling, recovery) and is counted once.
 *
 * <p>The effects are computed inside the transaction, from the position and order <em>as stored</em> and locked
 * there: a journal given a position computed earlier could not tell whether a concurrent fill of the same symbol
 * committed in between, and would overwrite it. So the journal takes a {@link Booking}, the domain's pure function
 * from (trade, current position, current order) to the entry, and calls it with the locked rows.
 */
public interface FillJournal {

    /**
     * Records the trade and its effects, or says why not.
     *
     * @return a rejection when the booking refused the fill (an over-fill, a fill of a rejected order) or the
     *     trade's order is unknown — nothing was written; otherwise what was recorded, or that it was a replay
     */
    Either<Rejection, FillRecording> record(Trade trade, Booking booking);

    /**
     * Records fills delivered together (a broker sync round's), each exactly as {@link #record} records it, and
     * answers each in the same order. A journal that combines writes books them in as few transactions as it can. A
     * fill that failed alone (its booking threw, or the store failed it) is a {@code Failure} in its place; a failure of
     * the store may also fail the whole call, and calling again is safe (the journal is idempotent per trade id).
     */
    default java.util.List<io.vavr.control.Try<Either<Rejection, FillRecording>>> recordAll(
            java.util.List<Trade> trades, Booking booking) {
        java.util.List<io.vavr.control.Try<Either<Rejection, FillRecording>>> answers =
                new java.util.ArrayList<>(trades.size());
        for (Trade trade : trades) {
            answers.add(io.vavr.control.Try.of(() -> record(trade, booking)));
        }
        return answers;
    }

    /**
     * The effects of one fill on the position and order it touches: pure, so that the journal may call it again
     * when it retries the transaction.
     *
     * <p>The stored position must always be its {@link SymbolLedger} basis with every fill booked since applied in
     * {@link ExecutionKey} order. A fill executed after every booked one of its symbol is {@link #book booked} on
     * the stored position; one executed before some of them is {@link #rebook rebooked}: the journal gives the basis
     * and the symbol's fills since it, split around the new one.
     */
    interface Booking {

        /**
         * @param current the position of the trade's symbol as stored (flat if never held)
         * @param order the trade's order as stored
         */
        Either<Rejection, Entry> book(Trade trade, Position current, Order order);

        /**
         * A fill that executed before fills of its symbol already booked: the entry's position is {@code basis} with
         * {@code earlier}, the trade and {@code later} applied in that order.
         *
         * @param earlier the symbol's fills booked since the basis that executed before the trade, in execution order
         * @param later those that executed after it, in execution order
         */
        Either<Rejection, Entry> rebook(Trade trade, Position basis, io.vavr.collection.List<Trade> earlier,
                io.vavr.collection.List<Trade> later, Order order);
    }

    /**
     * One fill with its effects, computed by the domain from the stored position and order.
     *
     * @param positionAfter the position with the fill applied
     * @param orderAfter the order with the fill applied
     */
    record Entry(Trade trade, Position positionAfter, Order orderAfter, AuditEvent audit) {

        public Entry {
            if (trade == null || positionAfter == null || orderAfter == null || audit == null) {
                throw new IllegalArgumentException("a journal entry needs the trade, the position, the order and "
                        + "the audit event");
            }
            if (!positionAfter.symbol().equals(trade.symbol()) || !orderAfter.orderId().equals(trade.orderId())) {
                throw new IllegalArgumentException("journal entry for trade " + trade.tradeId()
                        + " carries the position or order of another symbol or order");
            }
        }
    }
}
