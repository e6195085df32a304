package dev.tradingcore.archfixtures.cycle.domain.position;

import dev.tradingcore.archfixtures.cycle.domain.trade.Trade;

/** Spared: position depends on trade, one way. */
public final class Position {
    public void apply(Trade trade) {}
}
