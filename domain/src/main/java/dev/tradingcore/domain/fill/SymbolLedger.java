package dev.tradingcore.domain.fill;

import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * How far the booked history of one symbol goes, as a fill journal keeps it beside the position: the execution key
 * of the latest fill booked, and the basis a replay starts from.
 *
 * <p>The basis is the position before the first fill (flat), or the position a reconciliation set, with the key of the
 * latest fill it included. The stored position is always the basis with every fill booked after it applied in
 * execution order: a fill that arrives after a later one of its symbol is booked by replaying from the basis.
 *
 * @param latest the key of the latest fill booked, in execution order; none before the first fill
 * @param basis where replays start
 * @param basisThrough the key of the latest fill the basis includes; none for the flat start
 */
public record SymbolLedger(Option<ExecutionKey> latest, Position basis, Option<ExecutionKey> basisThrough) {

    public SymbolLedger {
        if (latest == null || basis == null || basisThrough == null) {
            throw new IllegalArgumentException("a symbol ledger needs its latest key, its basis and the basis' key");
        }
    }

    /** A symbol with no fill booked: flat. */
    public static SymbolLedger empty(Symbol symbol, Instant at) {
        return new SymbolLedger(Option.none(), Position.flat(symbol, at), Option.none());
    }

    /** After {@code key} was booked. */
    public SymbolLedger booked(ExecutionKey key) {
        return new SymbolLedger(latest.filter(l -> !l.isBefore(key)).orElse(Option.some(key)), basis, basisThrough);
    }

    /** A reconciliation set the position to {@code corrected}: replays start there from now on. */
    public SymbolLedger rebased(Position corrected) {
        return new SymbolLedger(latest, corrected, latest);
    }

    /**
     * After a fill executed before the basis was booked ({@link FillRecording.Sequence#BEFORE_BASIS}): the basis
     * takes it in, so that later replays keep it.
     */
    public io.vavr.control.Either<dev.tradingcore.domain.common.Rejection, SymbolLedger> absorbed(
            dev.tradingcore.domain.trade.Trade trade, Instant at) {
        return basis.apply(trade, at).map(withTrade -> new SymbolLedger(latest, withTrade, basisThrough));
    }

    /** How a fill with {@code key} is booked against this ledger. */
    public FillRecording.Sequence sequenceOf(ExecutionKey key) {
        if (latest.isEmpty() || latest.get().isBefore(key)) {
            return FillRecording.Sequence.IN_ORDER;
        }
        if (basisThrough.exists(through -> key.isBefore(through))) {
            return FillRecording.Sequence.BEFORE_BASIS;
        }
        return FillRecording.Sequence.RESEQUENCED;
    }
}
