package dev.tradingcore.archfixtures.cycle.domain.order;

import dev.tradingcore.archfixtures.cycle.domain.trade.Trade;

/** Violates noCycles: order knows trade ... */
public final class Order {
    private Trade lastTrade;

    public Trade lastTrade() {
        return lastTrade;
    }
}
