package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.order.Order;
import io.vavr.collection.List;

/** Cancels every order of ours that is still open, at the broker: what the kill switch does after turning trading off. */
public interface CancelOpenOrders {

    /** Asks the broker to cancel each open order; never throws for one order that could not be cancelled. */
    Outcome cancelAll();

    /**
     * @param open how many orders were open
     * @param closed those now closed (cancelled, or filled first: the cancel lost the race)
     * @param notCancelled each order that may still be working, with why
     */
    record Outcome(int open, List<Order> closed, List<String> notCancelled) {

        public String describe() {
            if (open == 0) {
                return "no order was open";
            }
            return closed.size() + " of " + open + " open orders cancelled at the broker"
                    + (notCancelled.isEmpty() ? "" : "; NOT cancelled (may still be working): "
                            + notCancelled.take(5).mkString("; ") + (notCancelled.size() > 5 ? "; ..." : ""));
        }
    }
}
