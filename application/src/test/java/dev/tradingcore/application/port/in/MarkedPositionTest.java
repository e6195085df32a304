package dev.tradingcore.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.marketdata.Quote;
import dev.tradingcore.domain.position.Position;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A mark older than the staleness allowed is shown as stale, never as fresh; no price at all is shown as cost. */
class MarkedPositionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Position HELD = Position.opened(AAPL, new BigDecimal("10"), Price.of("100"), BigDecimal.ZERO,
            BigDecimal.ZERO, Option.none(), NOW);

    @Test
    void a_fresh_mark_is_fresh_an_old_one_stale_and_none_at_cost() {
        Quote recent = Quote.last(AAPL, NOW.minusSeconds(299), Price.of("101"));
        Quote old = Quote.last(AAPL, NOW.minusSeconds(420), Price.of("101"));

        MarkedPosition fresh = MarkedPosition.of(HELD.markedAt(recent.price(), NOW), Option.some(recent), NOW,
                Duration.ofMinutes(5));
        MarkedPosition stale = MarkedPosition.of(HELD.markedAt(old.price(), NOW), Option.some(old), NOW,
                Duration.ofMinutes(5));
        MarkedPosition none = MarkedPosition.of(HELD, Option.none(), NOW, Duration.ofMinutes(5));

        assertThat(fresh.stale()).isFalse();
        assertThat(fresh.staleness(NOW)).isEmpty();
        assertThat(fresh.unrealizedPnl()).isEqualTo(Money.of("10.00"));
        assertThat(stale.stale()).isTrue();
        assertThat(stale.staleness(NOW)).isEqualTo("stale, 7m old");
        assertThat(none.stale()).isTrue();
        assertThat(none.staleness(NOW)).isEqualTo("no price: at cost");
        assertThat(none.marketValue()).isEqualTo(Money.of("1000.00"));
    }
}
