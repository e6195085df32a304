package dev.tradingcore.domain.order;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Rejection;
import io.vavr.control.Either;

/**
 * Records orders and their changes together with the audit line that explains each, in one transaction: the audit
 * trail never says something happened to an order that the orders table does not show, nor the other way round.
 * (Fills go through the fill journal, which does the same for trade, position and order.)
 *
 * <p>A change is computed from the order <em>as stored</em>, locked for the transaction: a status report computed
 * from an order read earlier would overwrite a fill that committed in between (its filled quantity, its average
 * price). So a change is a function of the stored order, like the fill journal's booking.
 */
public interface OrderJournal {

    /**
     * Records a new order with its audit line. Idempotent: the same order placed again (the retry of a placing whose
     * COMMIT answer was lost) writes nothing and answers the stored order.
     *
     * @return a rejection, with nothing written, when another order with the same order id or client order id exists
     */
    Either<Rejection, Order> place(Order order, AuditEvent audit);

    /** Whether {@code stored} is {@code placed} as it was placed: the same order, not another under its ids. */
    static boolean samePlacement(Order stored, Order placed) {
        return stored.orderId().equals(placed.orderId()) && stored.clientOrderId().equals(placed.clientOrderId())
                && stored.symbol().equals(placed.symbol()) && stored.side() == placed.side()
                && stored.quantity().equals(placed.quantity()) && stored.orderType() == placed.orderType()
                && stored.timeInForce() == placed.timeInForce() && stored.limitPrice().equals(placed.limitPrice())
                && stored.stopPrice().equals(placed.stopPrice())
                && stored.submittedAt().equals(placed.submittedAt());
    }

    /**
     * Locks the stored order, applies {@code change} to it and writes the result with its audit line.
     *
     * @return the order as recorded; a rejection (nothing written) when the order is unknown or the change refused
     */
    Either<Rejection, Order> change(OrderId orderId, Change change);

    /** A change of an order, as a pure function of the stored order (the journal may call it again on retry). */
    @FunctionalInterface
    interface Change {

        Either<Rejection, Changed> apply(Order stored);
    }

    /**
     * The order after a change and the audit line that explains it.
     *
     * <p>{@code audit} may be absent only through {@link #unchanged(Order)}: a change that finds nothing to do (the
     * stored order already is as reported) writes nothing.
     */
    record Changed(Order order, io.vavr.control.Option<AuditEvent> audit) {

        public Changed {
            if (order == null || audit == null) {
                throw new IllegalArgumentException("a change needs the order and its audit line (or none)");
            }
        }

        public static Changed to(Order order, AuditEvent audit) {
            return new Changed(order, io.vavr.control.Option.some(audit));
        }

        /** Nothing to write: the stored order stays as it is. */
        public static Changed unchanged(Order order) {
            return new Changed(order, io.vavr.control.Option.none());
        }
    }
}
