package dev.tradingcore.application.risk;

import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.position.Position;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Today's P&amp;L for the daily loss limit: everything earned (realized plus unrealized at the last marks, net of
 * commissions) minus what had been earned when the day began. The day is the UTC day; the start-of-day figure is
 * taken the first time it is asked for on a new day, which after a restart in mid-session means the loss counts from
 * the restart (a known limitation: persisting the start-of-day figure is future work).
 */
public final class DailyPnl {

    private final PositionCache positions;
    private final Clock clock;
    private LocalDate day;
    private BigDecimal startOfDay = BigDecimal.ZERO;

    public DailyPnl(PositionCache positions, Clock clock) {
        this.positions = positions;
        this.clock = clock;
    }

    /** P&amp;L since the start of the current day, rounded to cents. */
    public synchronized Money today() {
        LocalDate now = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        BigDecimal total = totalPnl();
        if (!now.equals(day)) {
            day = now;
            startOfDay = total;
        }
        return Money.rounded(total.subtract(startOfDay));
    }

    private BigDecimal totalPnl() {
        return positions.all().map(DailyPnl::earned).fold(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal earned(Position p) {
        if (p.isFlat()) {
            return p.realizedPnl();
        }
        return p.totalPnlAt(p.markPrice().getOrElse(p.averagePrice().get()));
    }
}
