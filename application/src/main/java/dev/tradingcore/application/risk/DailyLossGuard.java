package dev.tradingcore.application.risk;

import dev.tradingcore.application.port.in.CancelOpenOrders;
import dev.tradingcore.application.state.TradingControls;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.risk.RiskBreach;
import dev.tradingcore.domain.risk.RiskLimits;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Option;
import java.time.Clock;

/**
 * The kill switch of the daily loss limit. Checked on every price and on every order that adds risk: when today's
 * P&amp;L (realized and unrealized, {@link DailyPnl}) is at or below minus the limit, it turns the trading switch off
 * (stored, one CRITICAL audit line), cancels our open orders at the broker, and raises one CRITICAL alert saying both.
 *
 * <p>Once per trading day (stored with the day's starting equity, so restarts included): after a person turns
 * trading back on the same day (to cut positions, say), the limit still refuses every order that adds risk, but the
 * switch is not thrown again, so there is no alert storm and the person is not overruled at the next price.
 */
public final class DailyLossGuard {

    private final DailyPnl pnl;
    private final TradingControls controls;
    private final CancelOpenOrders cancelling;
    private final AlertSink alerts;
    private final Clock clock;

    public DailyLossGuard(DailyPnl pnl, TradingControls controls, CancelOpenOrders cancelling, AlertSink alerts,
            Clock clock) {
        this.pnl = pnl;
        this.controls = controls;
        this.cancelling = cancelling;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * Today's P&amp;L against the limit; trips the switch when it is reached. Returns the breach, if any. A database
     * that does not answer (the start-of-day figure) leaves the check to the next price.
     */
    public Option<RiskBreach> check() {
        Option<RiskLimits> limits = controls.riskLimits();
        if (limits.isEmpty()) {
            return Option.none();
        }
        Money today;
        try {
            today = pnl.today();
        } catch (StoreUnavailableException unavailable) {
            return Option.none();
        }
        if (today.compareTo(limits.get().maxDailyLoss().negate()) > 0) {
            return Option.none();
        }
        RiskBreach breach = new RiskBreach.DailyLossLimitReached(today, limits.get().maxDailyLoss());
        trip(breach);
        return Option.some(breach);
    }

    /** Halts trading for a breach that says so: the switch off, open orders cancelled, one alert. Once a day. */
    public synchronized void trip(RiskBreach breach) {
        if (!breach.haltsTrading()) {
            return;
        }
        if (!controls.tradingSwitch().enabled() || pnl.haltedToday()) {
            return; // off already, or tripped already today (a person turned trading back on since)
        }
        controls.halt(breach);
        pnl.markHalted();
        CancelOpenOrders.Outcome cancelled = cancelling.cancelAll();
        String limit = breach instanceof RiskBreach.DailyLossLimitReached d ? d.limit().toString() : "";
        alerts.send(new Alert(AlertSeverity.CRITICAL, "Trading halted: daily loss limit",
                breach.message() + ". " + cancelled.describe() + ". Trading stays off until a person turns it on"
                        + " (trading-core trading enable).",
                clock.instant(), LinkedHashMap.of("limit", "max_daily_loss", "max_daily_loss", limit,
                        "orders_cancelled", Integer.toString(cancelled.closed().size()), "orders_not_cancelled",
                        Integer.toString(cancelled.notCancelled().size()))));
    }
}
