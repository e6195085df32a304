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
 *
 * <p>When the open orders cannot be listed at the halt (the database did not answer), the alert says so at once and
 * the cancels are tried again at every check until they are made, then one more alert says what was cancelled.
 */
public final class DailyLossGuard {

    private final DailyPnl pnl;
    private final TradingControls controls;
    private final CancelOpenOrders cancelling;
    private final AlertSink alerts;
    private final Clock clock;
    /**
     * The halt whose open orders could not be listed or cancelled (the database did not answer): the cancels are tried
     * again at each check until they are made. Before, the switch stayed off with the day's halt stored, so the guard
     * never tripped again: the orders kept working at the broker and no alert said so.
     */
    private volatile RiskBreach cancelsPending;

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
        if (cancelsPending != null) {
            retryCancels();
        }
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
        String notStored = "";
        try {
            pnl.markHalted();
        } catch (RuntimeException unavailable) {
            // The switch is off (stored): what is lost is only that a person's re-enable today is not overruled.
            notStored = " (the day's halt could not be stored: " + unavailable.getMessage() + ")";
        }
        String limit = breach instanceof RiskBreach.DailyLossLimitReached d ? d.limit().toString() : "";
        CancelOpenOrders.Outcome cancelled;
        try {
            cancelled = cancelling.cancelAll();
        } catch (RuntimeException unavailable) {
            // The open orders could not even be listed: they may all be working. Said now; tried again at each check.
            cancelsPending = breach;
            alerts.send(new Alert(AlertSeverity.CRITICAL, "Trading halted: daily loss limit",
                    breach.message() + notStored + ". Our open orders could NOT be cancelled now ("
                            + unavailable.getMessage() + "): they may still be working at the broker; the core tries"
                            + " again at each price. Trading stays off until a person turns it on (trading-core"
                            + " trading enable).",
                    clock.instant(), LinkedHashMap.of("limit", "max_daily_loss", "max_daily_loss", limit,
                            "orders_cancelled", "0", "orders_not_cancelled", "unknown")));
            return;
        }
        alerts.send(new Alert(AlertSeverity.CRITICAL, "Trading halted: daily loss limit",
                breach.message() + notStored + ". " + cancelled.describe() + ". Trading stays off until a person"
                        + " turns it on (trading-core trading enable).",
                clock.instant(), LinkedHashMap.of("limit", "max_daily_loss", "max_daily_loss", limit,
                        "orders_cancelled", Integer.toString(cancelled.closed().size()), "orders_not_cancelled",
                        Integer.toString(cancelled.notCancelled().size()))));
    }

    /** The cancels of a halt that could not make them, again; one alert once they are made. */
    private synchronized void retryCancels() {
        RiskBreach breach = cancelsPending;
        if (breach == null) {
            return;
        }
        if (controls.tradingSwitch().enabled()) {
            cancelsPending = null; // a person turned trading back on: the orders placed since are theirs to keep
            return;
        }
        CancelOpenOrders.Outcome cancelled;
        try {
            cancelled = cancelling.cancelAll();
        } catch (RuntimeException stillUnavailable) {
            return; // already alerted: the next check tries again
        }
        cancelsPending = null;
        alerts.send(new Alert(cancelled.notCancelled().isEmpty() ? AlertSeverity.HIGH : AlertSeverity.CRITICAL,
                "Open orders cancelled after the daily loss halt", breach.message() + ". " + cancelled.describe()
                        + ", now that the open orders could be read.",
                clock.instant(), LinkedHashMap.of("limit", "max_daily_loss", "orders_cancelled",
                        Integer.toString(cancelled.closed().size()), "orders_not_cancelled",
                        Integer.toString(cancelled.notCancelled().size()))));
    }
}
