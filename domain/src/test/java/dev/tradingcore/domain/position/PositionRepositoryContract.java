package dev.tradingcore.domain.position;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fixtures.TradeBuilder;
import dev.tradingcore.domain.common.Side;
import io.vavr.collection.List;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PositionRepository} must do, run against each implementation (PostgreSQL, in-memory). Each test
 * uses its own symbols, so implementations may share one store across the tests of a class.
 */
public abstract class PositionRepositoryContract {

    protected static final Instant T = Instant.parse("2026-11-23T15:00:00Z");

    /** The repository under test; the same instance for every call within a test. */
    protected abstract PositionRepository repository();

    private static Position afterFills(String symbol, TradeBuilder... trades) {
        Position position = Position.flat(Symbol.of(symbol), T);
        for (TradeBuilder trade : trades) {
            position = position.apply(trade.withSymbol(symbol).build().fill(), T);
        }
        return position;
    }

    @Test
    void an_unknown_symbol_has_no_position() {
        assertThat(repository().findBySymbol(Symbol.of("NOPE1")).isEmpty()).isTrue();
    }

    @Test
    void a_long_position_comes_back_exactly_as_saved() {
        Position long3 = afterFills("LONG1", TradeBuilder.aTrade().withQuantity("3").at("10.00000001")
                .withCommission("0.35"), TradeBuilder.aTrade().withQuantity("4").at("10.5"));
        Position marked = long3.markedAt(Price.of("11.12345678"), T.plusSeconds(1));

        repository().save(marked);

        Position found = repository().findBySymbol(Symbol.of("LONG1")).get();
        assertThat(found).isEqualTo(marked);
        assertThat(found.costBasis()).isEqualByComparingTo("72.00000003");
        assertThat(found.realizedPnl()).isEqualByComparingTo("-0.35");
    }

    @Test
    void a_short_position_with_a_partial_close_keeps_its_exact_cost_basis() {
        // Short 3 at 10, buy back 1 at 9: 1/3 of the cost basis leaves, which does not terminate in decimal.
        Position position = afterFills("SHRT1", TradeBuilder.aTrade().withSide(Side.SELL).withQuantity("3").at("10"),
                TradeBuilder.aTrade().withSide(Side.BUY).withQuantity("1").at("9.99999999"));

        repository().save(position);

        Position found = repository().findBySymbol(Symbol.of("SHRT1")).get();
        assertThat(found).isEqualTo(position);
        assertThat(found.quantity()).isEqualByComparingTo("-2");
        assertThat(found.costBasis().signum()).isNegative();
    }

    @Test
    void a_flat_position_keeps_its_realized_pnl_and_has_no_average() {
        Position flat = afterFills("FLAT1", TradeBuilder.aTrade().withQuantity("10").at("100"),
                TradeBuilder.aTrade().withSide(Side.SELL).withQuantity("10").at("101.5").withCommission("1"));

        repository().save(flat);

        Position found = repository().findBySymbol(Symbol.of("FLAT1")).get();
        assertThat(found.isFlat()).isTrue();
        assertThat(found.averagePrice().isEmpty()).isTrue();
        assertThat(found.realizedPnl()).isEqualByComparingTo("14");
        assertThat(found.totalCommission()).isEqualByComparingTo("1");
    }

    @Test
    void saving_again_replaces_the_position_of_the_symbol() {
        repository().save(afterFills("REPL1", TradeBuilder.aTrade().withQuantity("1").at("5")));
        Position second = afterFills("REPL1", TradeBuilder.aTrade().withQuantity("7").at("6"));

        repository().save(second);

        assertThat(repository().findBySymbol(Symbol.of("REPL1")).get()).isEqualTo(second);
        assertThat(repository().findAll().filter(p -> p.symbol().value().equals("REPL1"))).hasSize(1);
    }

    @Test
    void find_all_lists_every_position_flat_ones_included_by_symbol() {
        Position b = afterFills("ALLB1", TradeBuilder.aTrade().withQuantity("2").at("3"));
        Position a = Position.flat(Symbol.of("ALLA1"), T);
        repository().saveAll(List.of(b, a));

        List<Position> mine = repository().findAll().filter(p -> p.symbol().value().startsWith("ALL"));

        assertThat(mine.map(p -> p.symbol().value())).containsExactly("ALLA1", "ALLB1");
        assertThat(mine.get(0)).isEqualTo(a);
        assertThat(mine.get(1)).isEqualTo(b);
    }

    @Test
    void every_save_makes_a_higher_version_and_loading_reports_the_latest() {
        VersionedPosition first = repository().save(afterFills("VERS1", TradeBuilder.aTrade().withQuantity("1").at("5")));
        VersionedPosition second = repository().save(afterFills("VERS1", TradeBuilder.aTrade().withQuantity("2").at("5")));
        List<VersionedPosition> both = repository().saveAll(List.of(
                afterFills("VERS1", TradeBuilder.aTrade().withQuantity("3").at("5")),
                afterFills("VERS2", TradeBuilder.aTrade().withQuantity("4").at("5"))));

        assertThat(second.isNewerThan(first)).isTrue();
        assertThat(both.get(0).isNewerThan(second)).isTrue();
        assertThat(both.map(v -> v.position().symbol().value())).containsExactly("VERS1", "VERS2");
        assertThat(repository().findVersioned(Symbol.of("VERS1")).get()).isEqualTo(both.get(0));
        assertThat(repository().findVersioned(Symbol.of("VERSX")).isEmpty()).isTrue();
        VersionedPosition loaded = repository().findAllVersioned()
                .find(v -> v.position().symbol().value().equals("VERS1")).get();
        assertThat(loaded).isEqualTo(both.get(0));
    }

    @Test
    void amounts_keep_their_full_precision() {
        Position big = Position.opened(Symbol.of("BIG1"), new BigDecimal("-123456789012.12345678"),
                Price.of("98765.43210987"), new BigDecimal("-0.0000000000000001"), new BigDecimal("0.00000001"),
                io.vavr.control.Option.none(), T);

        repository().save(big);

        assertThat(repository().findBySymbol(Symbol.of("BIG1")).get()).isEqualTo(big);
    }

    @Test
    void a_mark_is_stored_only_on_the_version_it_was_taken_from() {
        Position held = afterFills("MARK1", TradeBuilder.aTrade().withQuantity("3").at("10"));
        VersionedPosition saved = repository().save(held);
        Position marked = held.markedAt(Price.of("12.345"), T);

        assertThat(repository().saveMarks(List.of(new VersionedPosition(marked, saved.version())))).isEqualTo(1);
        Position stored = repository().findBySymbol(Symbol.of("MARK1")).get();
        assertThat(stored.markPrice()).contains(Price.of("12.345"));
        assertThat(stored.valuation().marketValue()).isEqualTo(dev.tradingcore.domain.common.Money.of("37.04"));
        assertThat(stored.valuation().unrealizedPnl()).isEqualTo(dev.tradingcore.domain.common.Money.of("7.04"));
        assertThat(repository().findVersioned(Symbol.of("MARK1")).get().version()).as("a mark is no booking")
                .isEqualTo(saved.version());

        Position moved = stored.apply(TradeBuilder.aTrade().withSymbol("MARK1").withQuantity("1").at("11").build()
                .fill(), T);
        repository().save(moved);
        assertThat(repository().saveMarks(List.of(new VersionedPosition(held.markedAt(Price.of("9"), T),
                saved.version())))).as("a fill committed since").isZero();
        assertThat(repository().findBySymbol(Symbol.of("MARK1")).get().quantity()).isEqualByComparingTo("4");
    }
}
