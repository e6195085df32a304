package dev.tradingcore.application.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.InMemorySystemStateRepository;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.marketdata.Quote;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.VersionedPosition;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Today's P&amp;L counts realized and unrealized since the trading day began, in the day's zone, and its starting
 * figure survives a restart: the worked example of docs/domain.md.
 */
class DailyPnlTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Symbol AAPL = Symbol.of("AAPL");

    private final TestClock clock = TestClock.at("2026-11-23T14:00:00Z"); // 09:00 in New York
    private final InMemorySystemStateRepository state = new InMemorySystemStateRepository();

    private static PositionCache holding(String quantity, String average, String realized) {
        PositionCache cache = new PositionCache();
        cache.accept(new VersionedPosition(Position.opened(AAPL, new BigDecimal(quantity), Price.of(average),
                new BigDecimal(realized), BigDecimal.ZERO, Option.none(), clock0()), 1));
        return cache;
    }

    private static java.time.Instant clock0() {
        return java.time.Instant.parse("2026-11-23T14:00:00Z");
    }

    @Test
    void the_day_counts_unrealized_losses_from_the_stored_start_and_a_restart_keeps_it() {
        // Capital 100000, long 100 AAPL bought at 150, 500 realized earlier: equity at 150 is 100500.
        PositionCache cache = holding("100", "150", "500");
        cache.mark(Quote.last(AAPL, clock.instant(), Price.of("152")));
        DailyPnl pnl = new DailyPnl(cache, state, Money.of("100000"), NEW_YORK, clock);
        assertThat(pnl.today()).isEqualTo(Money.ZERO);
        assertThat(pnl.startOfDay().equity()).isEqualTo(Money.of("100700.00")); // 100000 + 500 + 100 x (152 - 150)

        cache.mark(Quote.last(AAPL, clock.instant(), Price.of("140")));
        assertThat(pnl.today()).as("100 x (140 - 152)").isEqualTo(Money.of("-1200.00"));

        clock.advance(Duration.ofHours(2));
        DailyPnl restarted = new DailyPnl(cache, state, Money.of("100000"), NEW_YORK, clock);
        assertThat(restarted.today()).as("after a restart the same day").isEqualTo(Money.of("-1200.00"));

        clock.advance(Duration.ofHours(10)); // 21:00 in New York: still the same trading day
        assertThat(restarted.today()).isEqualTo(Money.of("-1200.00"));
        clock.advance(Duration.ofHours(3)); // 00:00 in New York: a new day starts from the equity now
        assertThat(restarted.today()).isEqualTo(Money.ZERO);
        assertThat(state.startOfDay().get().day()).hasToString("2026-11-24");
        assertThat(state.startOfDay().get().equity()).isEqualTo(Money.of("99500.00"));
    }
}
