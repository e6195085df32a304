package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.trade.Trade;

/**
 * Records one execution reported by the broker, exactly once: the trade, the position, the order and the audit line
 * in one transaction. Safe to call again with the same trade (stream redelivery, polling, recovery).
 */
public interface ApplyFill {

    /** Never throws for a business reason; see {@link FillOutcome} for what to do with each answer. */
    FillOutcome apply(Trade trade);

    /**
     * Records executions delivered together (a broker sync round's) as one write where the journal can, each answered
     * as {@link #apply} answers it, in the same order; a fill whose booking failed unexpectedly is a {@code Failure}
     * in its place, and its neighbours are not affected.
     */
    default java.util.List<io.vavr.control.Try<FillOutcome>> applyAll(java.util.List<Trade> trades) {
        java.util.List<io.vavr.control.Try<FillOutcome>> outcomes = new java.util.ArrayList<>(trades.size());
        for (Trade trade : trades) {
            outcomes.add(io.vavr.control.Try.of(() -> apply(trade)));
        }
        return outcomes;
    }
}
