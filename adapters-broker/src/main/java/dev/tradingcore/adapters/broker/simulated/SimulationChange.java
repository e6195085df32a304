package dev.tradingcore.adapters.broker.simulated;

import java.math.BigDecimal;
import java.util.List;

/**
 * One change of a simulation as its journal records it ({@link DurableState}): the state it left behind for what it
 * touched (the orders as they are now, the fills it made, the positions they moved) and the counters, cash and prices
 * after it. Replaying the records in sequence over the state saved before the first one gives the state after the
 * last.
 *
 * @param sequence one more than the change before it; the saved state names the last one it covers
 */
record SimulationChange(long sequence, long step, long orderCounter, long fillCounter, long clientOrderIdCounter,
        BigDecimal cash, List<SimulationState.PriceEntry> prices, List<SimOrder> orders, List<SimFill> fills,
        List<SimPosition> positions) {

    SimulationChange {
        if (sequence < 1 || cash == null || prices == null || orders == null || fills == null || positions == null) {
            throw new IllegalArgumentException("a journal record needs a sequence from 1, cash, prices, orders, fills"
                    + " and positions");
        }
        prices = List.copyOf(prices);
        orders = List.copyOf(orders);
        fills = List.copyOf(fills);
        positions = List.copyOf(positions);
    }
}
