package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.marketdata.Quote;
import dev.tradingcore.domain.position.Position;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * A position at its latest price, as shown to a person: the price, when it was seen, and whether it is stale (older
 * than the configured staleness, or no price at all: then valued at cost). A stale mark is never shown as fresh.
 *
 * @param mark the latest price and its time; none before the first price of the symbol
 * @param stale no price, or a price older than the staleness allowed
 */
public record MarkedPosition(Position position, Option<Quote> mark, boolean stale) {

    public MarkedPosition {
        if (position == null || mark == null) {
            throw new IllegalArgumentException("a marked position needs its position and its optional mark");
        }
    }

    public static MarkedPosition of(Position position, Option<Quote> mark, Instant now, Duration staleAfter) {
        boolean stale = mark.isEmpty() || mark.get().timestamp().plus(staleAfter).isBefore(now);
        return new MarkedPosition(position, mark, stale);
    }

    /** The price the position is valued at: the mark, or the average price before the first mark. */
    public Option<Price> price() {
        return mark.map(Quote::price).orElse(position.averagePrice());
    }

    public Money marketValue() {
        return position.valuation().marketValue();
    }

    public Money unrealizedPnl() {
        return position.valuation().unrealizedPnl();
    }

    /** "stale, 7m old" or "no price" for a stale mark; empty for a fresh one. */
    public String staleness(Instant now) {
        if (mark.isEmpty()) {
            return "no price: at cost";
        }
        if (!stale) {
            return "";
        }
        Duration age = Duration.between(mark.get().timestamp(), now);
        return "stale, " + (age.toMinutes() > 0 ? age.toMinutes() + "m" : age.toSeconds() + "s") + " old";
    }
}
