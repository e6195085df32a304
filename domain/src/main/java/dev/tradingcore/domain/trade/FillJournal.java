package dev.tradingcore.domain.trade;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;

/**
 * The ledger of fills: records one fill and all its effects in a single transaction, exactly once.
 *
 * <p>Either everything is written (the trade row, the position after the fill, the order after the fill and
 * the audit line) or nothing is. The trade id is the idempotency key: if a trade with the same id is already
 * recorded, nothing is written and the answer is {@link FillRecording.Duplicate}. A fill can therefore be
 * delivered any number of times (stream, polling, recovery) and is counted once.
 */
public interface FillJournal {

    FillRecording record(Entry entry);

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
