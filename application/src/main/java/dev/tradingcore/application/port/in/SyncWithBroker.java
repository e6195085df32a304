package dev.tradingcore.application.port.in;

/**
 * One round of the continuous broker sync: records the fills the broker reports since the last round (exactly once)
 * and brings our open orders' statuses in line with the broker's.
 */
public interface SyncWithBroker {

    SyncRound syncOnce();
}
