package dev.tradingcore.adapters.postgres.position;

import java.math.BigDecimal;
import java.time.Instant;

/** A {@code positions} row read under its lock by the fill path: the position and its ledger columns. */
public record LockedPositionRow(
        String symbol,
        BigDecimal quantity,
        BigDecimal averagePrice,
        BigDecimal marketValue,
        BigDecimal unrealizedPnl,
        BigDecimal costBasis,
        BigDecimal costBasisExact,
        BigDecimal realizedPnl,
        BigDecimal realizedPnlExact,
        BigDecimal totalCommission,
        BigDecimal markPrice,
        Instant lastUpdated,
        long version,
        Instant latestTradeAt,
        String latestTradeId,
        String basis) {

    public PositionRow position() {
        return new PositionRow(symbol, quantity, averagePrice, marketValue, unrealizedPnl, costBasis, costBasisExact,
                realizedPnl, realizedPnlExact, totalCommission, markPrice, lastUpdated, version);
    }

    public LedgerRow ledger() {
        return new LedgerRow(symbol, latestTradeAt, latestTradeId, basis);
    }
}
