package dev.tradingcore.domain.report;

import dev.tradingcore.domain.common.TradingDayWindow;

/** Reads what the post-market report needs of one trading day. Reads only: it never changes the ledger. */
public interface TradingDayReads {

    /**
     * @param day the trading day, from its start to the next day's start in its zone
     * @return what the ledger held at the day's end and what happened during it
     */
    TradingDay read(TradingDayWindow day);
}
