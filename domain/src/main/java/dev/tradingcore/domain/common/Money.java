package dev.tradingcore.domain.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A signed amount of account currency at the schema's 2 decimal places: market value, cost basis,
 * P&amp;L, cash, a trade's value.
 *
 * <p>Money is what is shown and stored in NUMERIC(20, 2) columns. It is never the input of further P&amp;L
 * arithmetic: positions keep their amounts exact and round to money only when they report.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    /**
     * Rounding used to turn an exact amount into money: half-even (banker's rounding), so that rounding
     * many amounts does not drift the total up or down the way half-up does.
     */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    public static final Money ZERO = new Money(BigDecimal.ZERO);

    public Money {
        amount = Decimals.exact(amount, Decimals.MONEY_SCALE, "money amount");
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    /** Money from an exact amount of any scale, rounded half-even to cents. */
    public static Money rounded(BigDecimal exactAmount) {
        return new Money(exactAmount.setScale(Decimals.MONEY_SCALE, ROUNDING));
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    public Money negate() {
        return new Money(amount.negate());
    }

    public Money abs() {
        return new Money(amount.abs());
    }

    public int signum() {
        return amount.signum();
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
