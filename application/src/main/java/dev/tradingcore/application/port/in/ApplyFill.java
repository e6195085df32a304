package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.trade.Trade;

/**
 * Records one execution reported by the broker, exactly once: the trade, the position, the order and the audit line
 * in one transaction. Safe to call again with the same trade (stream redelivery, polling, recovery).
 */
public interface ApplyFill {

    /** Never throws for a business reason; see {@link FillOutcome} for what to do with each answer. */
    FillOutcome apply(Trade trade);
}
