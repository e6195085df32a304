package dev.tradingcore.domain.risk;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.Symbol;

/**
 * An order refused because it would break a risk limit. Callers act on it: every breach refuses the order, and a
 * breach that {@link #haltsTrading()} also turns the trading switch off until a person turns it back on.
 */
public sealed interface RiskBreach {

    String message();

    /** Whether trading as a whole must stop, not just this order. */
    boolean haltsTrading();

    default Rejection toRejection() {
        return Rejection.of(this instanceof DailyLossLimitReached ? "daily_loss_limit" : "position_limit", message());
    }

    /** The order would take the symbol's absolute market value above the maximum position size. */
    record PositionLimitExceeded(Symbol symbol, Money projectedValue, Money limit) implements RiskBreach {
        @Override
        public String message() {
            return "the order would bring " + symbol + " to " + projectedValue + ", above the position limit of "
                    + limit;
        }

        @Override
        public boolean haltsTrading() {
            return false;
        }
    }

    /** Today's loss has reached the maximum daily loss: no new risk today. */
    record DailyLossLimitReached(Money pnlToday, Money limit) implements RiskBreach {
        @Override
        public String message() {
            return "today's P&L of " + pnlToday + " (realized and unrealized) has reached the daily loss limit of "
                    + limit + "; only orders that reduce a position pass the limit";
        }

        @Override
        public boolean haltsTrading() {
            return true;
        }
    }
}
