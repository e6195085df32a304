package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Symbol;
import java.math.BigDecimal;
import java.util.List;

/**
 * Everything a simulation needs to continue where it stopped: counters, cash, prices, orders, fills and positions.
 * Saved as JSON by {@link StateFile}; prices are functions of the seed, the step and the prices before it, so no
 * generator state is needed (a restored simulation takes random ids: see {@link ExchangeIds}).
 *
 * @param format the layout's version, to refuse a file written by an incompatible version: 2 added
 *     {@code journalSequence} (a format 1 file reads as 0, no journal) and {@code accountId}
 * @param journalSequence the last journal record this state includes ({@link DurableState}); records after it are
 *     replayed over it
 * @param accountId the account this simulation is, new and random for each new simulation (a ledger follows one
 *     account); null in a file written before it was kept, which then gets one derived from its seed
 */
public record SimulationState(int format, long seed, long step, long orderCounter, long fillCounter,
        long clientOrderIdCounter, BigDecimal cash, List<PriceEntry> prices, List<SimOrder> orders,
        List<SimFill> fills, List<SimPosition> positions, long journalSequence, String accountId) {

    public static final int FORMAT = 2;

    public SimulationState {
        if (cash == null || prices == null || orders == null || fills == null || positions == null) {
            throw new IllegalArgumentException("a simulation state needs cash, prices, orders, fills and positions");
        }
        prices = List.copyOf(prices);
        orders = List.copyOf(orders);
        fills = List.copyOf(fills);
        positions = List.copyOf(positions);
    }

    /** A symbol's current price. */
    public record PriceEntry(Symbol symbol, BigDecimal price) {
    }
}
