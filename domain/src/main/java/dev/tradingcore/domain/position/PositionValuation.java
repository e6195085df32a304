package dev.tradingcore.domain.position;

import dev.tradingcore.domain.common.Money;

/**
 * A position's figures in money (2 places), as reported and as stored in the money columns of the positions
 * table. Each is rounded on its own from the exact figure, so they need not add up to the cent.
 *
 * @param marketValue signed quantity x mark (negative for a short)
 * @param costBasis signed cost of the open quantity
 * @param unrealizedPnl market value minus cost basis
 * @param realizedPnl P&amp;L of closed quantity net of commissions
 */
public record PositionValuation(Money marketValue, Money costBasis, Money unrealizedPnl, Money realizedPnl) {

    public PositionValuation {
        if (marketValue == null || costBasis == null || unrealizedPnl == null || realizedPnl == null) {
            throw new IllegalArgumentException("a valuation needs all four amounts");
        }
    }
}
