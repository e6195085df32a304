package dev.tradingcore.application.risk;

import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.TradingDayWindow;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.state.StartOfDay;
import dev.tradingcore.domain.state.SystemStateRepository;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Today's P&amp;L for the daily loss limit: the account's equity now minus its equity when the trading day began.
 * Equity is cash plus the market value of every position at its latest price, which is the initial capital plus
 * everything earned (realized and unrealized, net of commissions), so the figure counts both realized and unrealized
 * P&amp;L. The trading day starts at midnight in the configured zone (America/New_York by default: the US session's
 * day). The start-of-day equity is stored (system state {@code start_of_day}) the first time it is needed on a new
 * day, and read back after a restart, so a restart never forgives the day's loss.
 */
public final class DailyPnl {

    /** The zone whose midnight starts the trading day unless configured otherwise. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/New_York");

    private final PositionCache positions;
    private final SystemStateRepository state;
    private final Money initialCapital;
    private final ZoneId zone;
    private final Clock clock;
    private StartOfDay startOfDay;

    /**
     * A daily P&amp;L whose start-of-day figure is kept in memory only, with UTC days: for tests and benchmarks that
     * need no restart.
     */
    public DailyPnl(PositionCache positions, Clock clock) {
        this(positions, null, Money.ZERO, java.time.ZoneOffset.UTC, clock);
    }

    /** @param state where the start-of-day equity is kept; null: in memory only */
    public DailyPnl(PositionCache positions, SystemStateRepository state, Money initialCapital, ZoneId zone,
            Clock clock) {
        this.positions = positions;
        this.state = state;
        this.initialCapital = initialCapital;
        this.zone = zone;
        this.clock = clock;
    }

    /** P&amp;L since the start of the current trading day, rounded to cents. */
    public synchronized Money today() {
        BigDecimal equity = exactEquity();
        return Money.rounded(equity.subtract(startOfDay(equity).equity().amount()));
    }

    /** The equity the current trading day counts from: stored, or taken now (and stored) on a new day. */
    public synchronized StartOfDay startOfDay() {
        return startOfDay(exactEquity());
    }

    /** Whether the daily loss limit already halted trading this trading day (stored: restarts included). */
    public synchronized boolean haltedToday() {
        return startOfDay(exactEquity()).haltedAt().isDefined();
    }

    /** Records, with the day's figure, that the daily loss limit halted trading now. */
    public synchronized void markHalted() {
        StartOfDay halted = startOfDay(exactEquity()).haltedAt(clock.instant());
        if (state != null) {
            state.saveStartOfDay(halted);
        }
        startOfDay = halted;
    }

    /** Cash plus market value now, at the latest prices. */
    public Money equity() {
        return Money.rounded(exactEquity());
    }

    /** The zone whose midnight starts the trading day. */
    public ZoneId zone() {
        return zone;
    }

    /** When the current trading day began. */
    public Instant dayStart() {
        return TradingDayWindow.containing(clock.instant(), zone).start();
    }

    private StartOfDay startOfDay(BigDecimal equityNow) {
        Instant at = clock.instant();
        if (startOfDay != null && startOfDay.isOfDay(at, zone)) {
            return startOfDay;
        }
        Option<StartOfDay> stored = state == null ? Option.none()
                : state.startOfDay().filter(s -> s.isOfDay(at, zone));
        if (stored.isDefined()) {
            startOfDay = stored.get();
        } else {
            StartOfDay taken = new StartOfDay(LocalDate.ofInstant(at, zone), zone, Money.rounded(equityNow), at);
            if (state != null) {
                state.saveStartOfDay(taken);
            }
            startOfDay = taken;
        }
        return startOfDay;
    }

    private BigDecimal exactEquity() {
        return positions.all().map(DailyPnl::earned).fold(initialCapital.amount(), BigDecimal::add);
    }

    private static BigDecimal earned(Position p) {
        if (p.isFlat()) {
            return p.realizedPnl();
        }
        return p.totalPnlAt(p.markPrice().getOrElse(p.averagePrice().get()));
    }
}
