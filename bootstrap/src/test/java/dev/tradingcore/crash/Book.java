package dev.tradingcore.crash;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * One symbol's position by the average-cost rules of docs/domain.md, written for the crash test's verdict from those
 * rules and not from the domain's code, so that the check does not share a bug with what it checks: an addition moves
 * quantity x price into the exact cost basis and sets the average (cost / quantity, 8 places, half-even); a reduction
 * takes its share of the cost basis (cost x closed / held, 16 places, half-even) into realized P&amp;L and keeps the
 * average; a close empties it; a flip opens the rest at the fill price; every commission is an expense of realized
 * P&amp;L.
 */
final class Book {

    private BigDecimal quantity = BigDecimal.ZERO;
    private BigDecimal cost = BigDecimal.ZERO;
    private BigDecimal realized = BigDecimal.ZERO;
    private Optional<BigDecimal> average = Optional.empty();

    /** A book that holds {@code state} (its cost basis taken as quantity x average). */
    static Book at(State state) {
        Book book = new Book();
        book.reset(state.quantity(), state.average());
        book.realized = state.realized();
        return book;
    }

    /** The position after one fill. */
    void apply(String side, BigDecimal fillQuantity, BigDecimal price, BigDecimal commission) {
        int direction = "buy".equals(side) ? 1 : -1;
        BigDecimal signed = direction > 0 ? fillQuantity : fillQuantity.negate();
        realized = realized.subtract(commission);
        if (quantity.signum() == 0 || quantity.signum() == direction) {
            quantity = quantity.add(signed);
            cost = cost.add(signed.multiply(price));
            average = Optional.of(cost.abs().divide(quantity.abs(), 8, RoundingMode.HALF_EVEN));
            return;
        }
        BigDecimal held = quantity.abs();
        BigDecimal closed = fillQuantity.min(held);
        BigDecimal costOut = closed.compareTo(held) == 0 ? cost
                : cost.multiply(closed).divide(held, 16, RoundingMode.HALF_EVEN);
        realized = realized.add(closed.multiply(price).multiply(BigDecimal.valueOf(quantity.signum()))
                .subtract(costOut));
        if (closed.compareTo(held) < 0) {
            quantity = quantity.add(signed);
            cost = cost.subtract(costOut);
            return;
        }
        BigDecimal rest = fillQuantity.subtract(closed);
        if (rest.signum() == 0) {
            quantity = BigDecimal.ZERO;
            cost = BigDecimal.ZERO;
            average = Optional.empty();
            return;
        }
        quantity = direction > 0 ? rest : rest.negate();
        cost = quantity.multiply(price);
        average = Optional.of(price);
    }

    /** Taken over as corrected by reconciliation: the quantity at an average, realized P&amp;L kept. */
    void reset(BigDecimal newQuantity, Optional<BigDecimal> newAverage) {
        quantity = newQuantity;
        average = newQuantity.signum() == 0 ? Optional.empty() : newAverage;
        cost = average.map(a -> a.multiply(newQuantity)).orElse(BigDecimal.ZERO);
    }

    State state() {
        return new State(quantity, average, realized);
    }

    /** A position as the verdict compares it: quantity (signed), average price (none when flat), realized P&amp;L. */
    record State(BigDecimal quantity, Optional<BigDecimal> average, BigDecimal realized) {

        static final State FLAT = new State(BigDecimal.ZERO, Optional.empty(), BigDecimal.ZERO);

        boolean sameQuantity(State other) {
            return quantity.compareTo(other.quantity) == 0;
        }

        boolean sameAverage(State other) {
            return average.isPresent() == other.average.isPresent()
                    && (average.isEmpty() || average.get().compareTo(other.average.get()) == 0);
        }

        boolean sameRealized(State other) {
            return realized.compareTo(other.realized) == 0;
        }

        @Override
        public String toString() {
            return plain(quantity) + " @ " + average.map(Book::plain).orElse("-") + " realized " + plain(realized);
        }
    }

    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
