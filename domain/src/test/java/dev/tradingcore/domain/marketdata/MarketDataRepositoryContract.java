package dev.tradingcore.domain.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MarketDataRepository} must do, run against each implementation (PostgreSQL, in-memory). Each test
 * uses its own symbols, so implementations may share one store across the tests of a class.
 */
public abstract class MarketDataRepositoryContract {

    protected static final Instant T = Instant.parse("2026-11-23T15:00:00Z");

    /** The repository under test; the same instance for every call within a test. */
    protected abstract MarketDataRepository repository();

    protected static Quote quote(String symbol, Instant at, String price) {
        return Quote.last(Symbol.of(symbol), at, Price.of(price));
    }

    @Test
    void an_unknown_symbol_has_no_quote() {
        assertThat(repository().latest(Symbol.of("NOQ1")).isEmpty()).isTrue();
        assertThat(repository().range(Symbol.of("NOQ1"), T, T.plusSeconds(1))).isEmpty();
    }

    @Test
    void a_full_quote_comes_back_exactly() {
        Quote quote = new Quote(Symbol.of("MDA1"), T, Price.of("123.45678901"), Option.some(Price.of("123.4")),
                Option.some(Price.of("123.50000001")), Option.some(9_000_000_000L));

        repository().upsert(quote);

        assertThat(repository().latest(Symbol.of("MDA1"))).isEqualTo(Option.some(quote));
    }

    @Test
    void a_quote_of_the_same_symbol_and_instant_replaces_the_stored_one() {
        repository().upsert(new Quote(Symbol.of("MDB1"), T, Price.of("10"), Option.some(Price.of("9")),
                Option.none(), Option.some(5L)));
        Quote corrected = quote("MDB1", T, "10.01");

        repository().upsert(corrected);

        assertThat(repository().range(Symbol.of("MDB1"), T, T.plusSeconds(1))).containsExactly(corrected);
    }

    @Test
    void the_latest_quote_is_the_one_with_the_latest_instant_whatever_the_order_of_writing() {
        Quote newest = quote("MDC1", T.plusSeconds(2), "3");
        repository().upsert(newest);
        repository().upsert(quote("MDC1", T.plusSeconds(1), "2"));
        repository().upsert(quote("MDC2", T.plusSeconds(9), "9"));

        assertThat(repository().latest(Symbol.of("MDC1"))).isEqualTo(Option.some(newest));
    }

    @Test
    void a_range_is_half_open_oldest_first_and_of_one_symbol() {
        Quote atStart = quote("MDD1", T, "1");
        Quote inside = quote("MDD1", T.plusMillis(1500), "2");
        repository().upsertAll(List.of(inside, quote("MDD1", T.plusSeconds(2), "3"), quote("MDD1", T.minusNanos(1000),
                "4"), atStart, quote("MDD2", T.plusSeconds(1), "5")));

        assertThat(repository().range(Symbol.of("MDD1"), T, T.plusSeconds(2))).containsExactly(atStart, inside);
        assertThat(repository().range(Symbol.of("MDD1"), T.plusSeconds(2), T)).isEmpty();
    }

    @Test
    void a_large_batch_is_stored_whole_and_the_later_of_two_quotes_of_one_instant_wins() {
        List<Quote> batch = List.range(0, 2500).map(i -> quote("MDE1", T.plusSeconds(i), i + 1 + ".5"));
        Quote replacement = quote("MDE1", T.plusSeconds(7), "99");

        repository().upsertAll(batch.append(replacement));

        List<Quote> stored = repository().range(Symbol.of("MDE1"), T, T.plusSeconds(2500));
        assertThat(stored).hasSize(2500);
        assertThat(stored.get(7)).isEqualTo(replacement);
        assertThat(stored.get(2499)).isEqualTo(quote("MDE1", T.plusSeconds(2499), "2500.5"));
    }

    @Test
    void an_empty_batch_changes_nothing() {
        repository().upsertAll(List.empty());

        assertThat(repository().latest(Symbol.of("MDF1")).isEmpty()).isTrue();
    }

    @Test
    void the_most_recent_quotes_come_oldest_first() {
        repository().upsertAll(List.of(quote("MDR1", T, "10"), quote("MDR1", T.plusSeconds(1), "11"),
                quote("MDR1", T.plusSeconds(2), "12"), quote("MDR2", T.plusSeconds(3), "99")));

        assertThat(repository().recent(Symbol.of("MDR1"), 2).map(q -> q.price().value().intValue()))
                .containsExactly(11, 12);
        assertThat(repository().recent(Symbol.of("MDR1"), 10)).hasSize(3);
        assertThat(repository().recent(Symbol.of("NOQ2"), 10)).isEmpty();
    }
}
