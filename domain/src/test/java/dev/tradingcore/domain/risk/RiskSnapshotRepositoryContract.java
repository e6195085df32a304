package dev.tradingcore.domain.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.common.Money;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RiskSnapshotRepository} must do, run against each implementation (PostgreSQL, in-memory). Each
 * test uses its own instants (years 2030 to 2040; only the test of {@link RiskSnapshotRepository#latest()} uses later
 * ones), so implementations may share one store across the tests of a class.
 */
public abstract class RiskSnapshotRepositoryContract {

    /** The repository under test; the same instance for every call within a test. */
    protected abstract RiskSnapshotRepository repository();

    protected static Instant at(int year) {
        return Instant.parse(year + "-01-02T10:05:00Z");
    }

    protected static RiskSnapshot full(Instant at) {
        return new RiskSnapshot(at, Money.of("1000123.45"), Money.of("-250.10"), Money.of("750000.01"),
                Money.of("-1234.56"), Option.some(Money.of("12345.67")), Option.some(Money.of("23456.78")),
                Option.some(new BigDecimal("0.2501")), 7, Option.some(new BigDecimal("12.5000")),
                TreeMap.of("Technology", new BigDecimal("45.1230"), "Energy", new BigDecimal("0.0001"),
                        "Unclassified", new BigDecimal("100.0000")));
    }

    protected static RiskSnapshot bare(Instant at, String portfolioValue) {
        return new RiskSnapshot(at, Money.of(portfolioValue), Money.of(portfolioValue), Money.ZERO, Money.ZERO,
                Option.none(), Option.none(), Option.none(), 0, Option.none(), TreeMap.empty());
    }

    @Test
    void a_snapshot_comes_back_exactly_as_saved() {
        RiskSnapshot snapshot = full(at(2030));

        repository().save(snapshot);

        RiskSnapshot found = repository().between(at(2030), at(2030).plusSeconds(1)).single();
        assertThat(found).isEqualTo(snapshot);
        assertThat(found.sectorConcentration().get("Technology").get()).isEqualTo(new BigDecimal("45.1230"));
        assertThat(found.netExposure()).isEqualTo(Money.of("-1234.56"));
    }

    @Test
    void a_snapshot_without_optional_figures_comes_back_without_them() {
        RiskSnapshot snapshot = bare(at(2031), "0.00");

        repository().save(snapshot);

        assertThat(repository().between(at(2031), at(2032)).single()).isEqualTo(snapshot);
    }

    @Test
    void a_second_snapshot_of_the_same_instant_is_ignored() {
        RiskSnapshot first = bare(at(2033), "100.00");

        repository().save(first);
        repository().save(bare(at(2033), "200.00"));

        assertThat(repository().between(at(2033), at(2034))).containsExactly(first);
    }

    @Test
    void snapshots_between_two_instants_are_those_of_the_half_open_interval_oldest_first() {
        RiskSnapshot atStart = bare(at(2035), "1.00");
        RiskSnapshot inside = bare(at(2035).plusSeconds(300), "2.00");
        RiskSnapshot atEnd = bare(at(2035).plusSeconds(600), "3.00");
        RiskSnapshot before = bare(at(2035).minusSeconds(300), "4.00");
        repository().save(inside);
        repository().save(atEnd);
        repository().save(before);
        repository().save(atStart);

        assertThat(repository().between(at(2035), at(2035).plusSeconds(600))).containsExactly(atStart, inside);
        assertThat(repository().between(at(2035).plusSeconds(600), at(2035))).isEmpty();
    }

    @Test
    void a_ratio_with_more_places_than_its_column_is_refused_and_nothing_is_stored() {
        RiskSnapshot tooPrecise = new RiskSnapshot(at(2037), Money.of("1.00"), Money.of("1.00"), Money.ZERO,
                Money.ZERO, Option.none(), Option.none(), Option.some(new BigDecimal("0.12345")), 0, Option.none(),
                TreeMap.empty());

        assertThatThrownBy(() -> repository().save(tooPrecise)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max drawdown");

        assertThat(repository().between(at(2037), at(2038))).isEmpty();
    }

    @Test
    void the_latest_snapshot_is_the_one_with_the_latest_instant_whatever_the_order_of_saving() {
        RiskSnapshot later = full(at(2091));
        repository().save(later);
        repository().save(full(at(2090)));

        assertThat(repository().latest()).isEqualTo(Option.some(later));
    }
}
