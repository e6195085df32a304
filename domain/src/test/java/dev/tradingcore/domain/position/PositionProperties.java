package dev.tradingcore.domain.position;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.trade.Fill;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class PositionProperties {

    private static final Instant T = Instant.parse("2025-10-21T15:00:00Z");

    @Property(tries = 3000)
    void realized_plus_unrealized_is_the_cash_flow_pnl_exactly(
            @ForAll("fills") @Size(max = 40) List<Fill> fills, @ForAll("prices") Price mark) {
        Position position = replay(fills);

        BigDecimal cashFlow = BigDecimal.ZERO;
        BigDecimal held = BigDecimal.ZERO;
        for (Fill fill : fills) {
            cashFlow = cashFlow.subtract(fill.signedQuantity().multiply(fill.price().value()))
                    .subtract(fill.commission());
            held = held.add(fill.signedQuantity());
        }
        cashFlow = cashFlow.add(held.multiply(mark.value()));

        assertThat(position.realizedPnl().add(position.unrealizedPnlAt(mark))).isEqualByComparingTo(cashFlow);
        assertThat(position.totalPnlAt(mark)).isEqualByComparingTo(cashFlow);
    }

    @Property(tries = 3000)
    void quantity_is_the_signed_sum_of_fills(@ForAll("fills") @Size(max = 40) List<Fill> fills) {
        Position position = replay(fills);

        BigDecimal sum = fills.stream().map(Fill::signedQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(position.quantity()).isEqualByComparingTo(sum);
        assertThat(position.isFlat()).isEqualTo(position.averagePrice().isEmpty());
        assertThat(position.costBasis().signum()).isEqualTo(position.quantity().signum());
    }

    @Property(tries = 3000)
    void commissions_are_summed(@ForAll("fills") @Size(max = 40) List<Fill> fills) {
        BigDecimal paid = fills.stream().map(Fill::commission).reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(replay(fills).totalCommission()).isEqualByComparingTo(paid);
    }

    @Property(tries = 3000)
    void a_reducing_fill_keeps_the_average_and_a_flip_opens_at_the_fill_price(
            @ForAll("fills") @Size(min = 1, max = 30) List<Fill> fills, @ForAll("fills") @Size(1) List<Fill> next) {
        Position before = replay(fills);
        Fill fill = next.get(0);
        Position after = before.apply(fill, T);

        boolean opposite = !before.isFlat() && before.quantity().signum() != fill.side().sign();
        if (!opposite) {
            return;
        }
        int held = fill.quantity().value().compareTo(before.quantity().abs());
        if (held < 0) {
            assertThat(after.averagePrice()).isEqualTo(before.averagePrice());
        } else if (held == 0) {
            assertThat(after.isFlat()).isTrue();
            assertThat(after.averagePrice()).isEmpty();
        } else {
            assertThat(after.averagePrice()).contains(fill.price());
            assertThat(after.quantity().signum()).isEqualTo(fill.side().sign());
        }
    }

    private static Position replay(List<Fill> fills) {
        Position position = Position.flat(Symbol.of("AAPL"), T);
        for (Fill fill : fills) {
            position = position.apply(fill, T);
        }
        return position;
    }

    @Provide
    Arbitrary<List<Fill>> fills() {
        return fill().list();
    }

    @Provide
    Arbitrary<Price> prices() {
        return Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(new BigDecimal("0.00000001"), new BigDecimal("100000")).ofScale(8),
                Arbitraries.integers().between(1, 500).map(BigDecimal::valueOf),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("1000")).ofScale(2))
                .map(Price::of);
    }

    private Arbitrary<Fill> fill() {
        Arbitrary<Quantity> quantities = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 1000).map(BigDecimal::valueOf),
                Arbitraries.bigDecimals().between(new BigDecimal("0.00000001"), new BigDecimal("10000")).ofScale(8),
                Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("50")).ofScale(3))
                .map(Quantity::of);
        Arbitrary<BigDecimal> commissions = Arbitraries.oneOf(
                Arbitraries.just(BigDecimal.ZERO),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("25")).ofScale(8));
        return Combinators.combine(Arbitraries.of(Side.class), quantities, prices(), commissions).as(Fill::new);
    }
}
