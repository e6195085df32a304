package dev.tradingcore.application.state;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditLog;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.risk.RiskLimits;
import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.state.TradingSwitch;
import io.vavr.control.Option;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The trading switch and the risk limits, read on every order: held in memory, written through to
 * {@code system_state} (database first, memory after), so that order intake does not read the database for them.
 * Reads are lock-free; a reload and a change exclude each other, so a reload that read the database before a change
 * cannot put the old value back in memory after it (a halt undone for a moment by a periodic reload).
 */
public final class TradingControls {

    private final SystemStateRepository state;
    private final AuditLog audit;
    private final AlertSink alerts;
    private final Clock clock;
    private final AtomicReference<TradingSwitch> tradingSwitch = new AtomicReference<>();
    private final AtomicReference<Option<RiskLimits>> limits = new AtomicReference<>(Option.none());
    private final AtomicReference<Option<String>> orderHold = new AtomicReference<>(Option.none());

    public TradingControls(SystemStateRepository state, AuditLog audit, AlertSink alerts, Clock clock) {
        this.state = state;
        this.audit = audit;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Reads both from the database; at start-up, and whenever another process may have changed them. */
    public synchronized void reload() {
        // Limits first: a loaded switch is what tells the readers that both are loaded, so a thread that sees the
        // switch must also see the limits. The other way round, a second thread arriving between the two writes
        // found the switch set and no limits yet, and its order was refused with "no risk limits" (the bench's
        // four concurrent first submissions did).
        limits.set(state.riskLimits());
        tradingSwitch.set(state.tradingSwitch());
    }

    public TradingSwitch tradingSwitch() {
        TradingSwitch current = tradingSwitch.get();
        if (current == null) {
            reload();
            current = tradingSwitch.get();
        }
        return current;
    }

    public Option<RiskLimits> riskLimits() {
        if (tradingSwitch.get() == null) {
            reload();
        }
        return limits.get();
    }

    /** Turns trading on or off, durably and audited; turning it off is also alerted. */
    public TradingSwitch turn(boolean enabled, String reason) {
        return turn(enabled, reason, "trading-core");
    }

    /**
     * Turns trading on or off for a person or a program ({@code by}: who did it, kept in the audit line), durably and
     * audited; turning it off is also alerted.
     */
    public synchronized TradingSwitch turn(boolean enabled, String reason, String by) {
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("turning trading on or off needs who does it");
        }
        TradingSwitch next = enabled ? TradingSwitch.on(reason, clock.instant()) : TradingSwitch.off(reason, clock.instant());
        state.saveTradingSwitch(next);
        tradingSwitch.set(next);
        String who = by.length() > AuditEvent.ID_LENGTH ? by.substring(0, AuditEvent.ID_LENGTH) : by;
        audit.append(new AuditEvent(next.changedAt(), "risk", enabled ? "trading_enabled" : "trading_disabled",
                AuditEvent.details("reason", reason, "by", by), io.vavr.control.Option.some(who),
                io.vavr.control.Option.none(), enabled ? AuditSeverity.INFO : AuditSeverity.WARNING));
        if (!enabled) {
            alerts.send(Alert.of(AlertSeverity.HIGH, "Trading disabled", reason, next.changedAt()));
        }
        return next;
    }

    /**
     * The kill switch: trading off because a limit was breached, stored, with one CRITICAL audit line
     * ({@code trading_halted}, naming the limit). The caller cancels open orders and raises the one alert that says
     * both.
     */
    public synchronized TradingSwitch halt(dev.tradingcore.domain.risk.RiskBreach breach) {
        TradingSwitch next = TradingSwitch.off(breach.message(), clock.instant());
        state.saveTradingSwitch(next);
        tradingSwitch.set(next);
        audit.append(AuditEvent.of(next.changedAt(), "risk", "trading_halted", AuditSeverity.CRITICAL,
                AuditEvent.details("limit", breach.toRejection().code(), "reason", breach.message(), "by",
                        "trading-core")));
        return next;
    }

    /** Replaces the risk limits, durably and audited. */
    public synchronized void setRiskLimits(RiskLimits newLimits) {
        state.saveRiskLimits(newLimits);
        limits.set(Option.some(newLimits));
        audit.append(AuditEvent.of(clock.instant(), "risk", "risk_limits_changed", AuditSeverity.INFO,
                AuditEvent.details("max_position_size", newLimits.maxPositionSize().toString(), "max_daily_loss",
                        newLimits.maxDailyLoss().toString())));
    }

    /**
     * Holds every new order, refused with {@code reason}, until {@link #releaseOrders()}: a start whose recovery was
     * incomplete does not know what the ledger holds. Not stored: each start decides again, from its own recovery
     * (the trading switch, which is stored, stays the operator's).
     */
    public void holdOrders(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a hold on orders needs a reason");
        }
        orderHold.set(Option.some(reason));
    }

    /** Lifts the hold of {@link #holdOrders}: a recovery succeeded, or the operator asked to trade anyway. */
    public void releaseOrders() {
        orderHold.set(Option.none());
    }

    /** Why new orders are held, if they are. */
    public Option<String> orderHold() {
        return orderHold.get();
    }
}
