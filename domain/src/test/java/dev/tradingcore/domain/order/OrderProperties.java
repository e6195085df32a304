package dev.tradingcore.domain.order;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
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

class OrderProperties {

    private static final Instant AT = Instant.parse("2025-10-21T15:00:00Z");

    /** One step thrown at an order: a fill of some size and price, or a cancel. */
    record Step(boolean cancel, Quantity quantity, Price price) {
    }

    @Property(tries = 3000)
    void filled_quantity_never_exceeds_the_order_and_is_the_sum_of_accepted_fills(
            @ForAll("quantities") Quantity orderQuantity, @ForAll("steps") @Size(max = 30) List<Step> steps) {
        Order order = anOrder().withQuantity(orderQuantity.value().toPlainString()).submitted();
        BigDecimal accepted = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal lowest = null;
        BigDecimal highest = null;
        int n = 0;
        for (Step step : steps) {
            if (step.cancel()) {
                order = order.cancelled(AT).map(OrderEvent::order).getOrElse(order);
                continue;
            }
            var result = order.applyFill(aTradeFor(order).withId("t" + n++)
                    .withQuantity(step.quantity().value().toPlainString())
                    .at(step.price().value().toPlainString()).build(), AT);
            boolean fits = order.filledQuantity().plus(step.quantity()).compareTo(order.quantity()) <= 0;
            assertThat(result.isRight()).as("accepted iff it fits").isEqualTo(fits);
            if (result.isRight()) {
                order = result.get().order();
                accepted = accepted.add(step.quantity().value());
                notional = notional.add(step.price().value().multiply(step.quantity().value()));
                lowest = lowest == null ? step.price().value() : lowest.min(step.price().value());
                highest = highest == null ? step.price().value() : highest.max(step.price().value());
            }
            assertThat(order.filledQuantity().value()).isLessThanOrEqualTo(order.quantity().value());
        }

        assertThat(order.filledQuantity().value()).isEqualByComparingTo(accepted);
        assertThat(order.filledNotional()).isEqualByComparingTo(notional);
        if (accepted.signum() > 0) {
            assertThat(order.filledAvgPrice().get().value()).isBetween(lowest, highest);
        }
        boolean complete = order.filledQuantity().compareTo(order.quantity()) == 0;
        assertThat(order.status() == OrderStatus.FILLED).isEqualTo(complete);
    }

    @Provide
    Arbitrary<Quantity> quantities() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 200).map(BigDecimal::valueOf),
                Arbitraries.bigDecimals().between(new BigDecimal("0.00000001"), new BigDecimal("50")).ofScale(8))
                .map(Quantity::of);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Price> prices = Arbitraries.bigDecimals()
                .between(new BigDecimal("0.01"), new BigDecimal("1000")).ofScale(8).map(Price::of);
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 9), quantities(), prices)
                .as((dice, quantity, price) -> new Step(dice == 0, quantity, price));
        return step.list();
    }
}
