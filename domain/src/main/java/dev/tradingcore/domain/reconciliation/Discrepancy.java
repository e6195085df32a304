package dev.tradingcore.domain.reconciliation;

import dev.tradingcore.domain.common.Symbol;
import java.math.BigDecimal;

/**
 * One way our book and the broker's disagree on a symbol. Quantities are signed (positive long, negative short);
 * "holds nothing" means no row or a flat row.
 */
public sealed interface Discrepancy {

    Symbol symbol();

    /** Our signed quantity; zero when we hold nothing. */
    BigDecimal ourQuantity();

    /** The broker's signed quantity; zero when it holds nothing. */
    BigDecimal brokerQuantity();

    /** A sentence for the report and the alert. */
    String description();

    /** What we must add to our quantity to match the broker. */
    default BigDecimal difference() {
        return brokerQuantity().subtract(ourQuantity());
    }

    /** We hold the symbol, the broker holds nothing: we believe in shares that are not there. */
    record MissingAtBroker(Symbol symbol, BigDecimal ourQuantity) implements Discrepancy {
        @Override
        public BigDecimal brokerQuantity() {
            return BigDecimal.ZERO;
        }

        @Override
        public String description() {
            return symbol + ": we hold " + ourQuantity.stripTrailingZeros().toPlainString()
                    + ", the broker holds nothing";
        }
    }

    /** The broker holds the symbol, we hold nothing: shares (or a short) we do not know about. */
    record MissingLocally(Symbol symbol, BigDecimal brokerQuantity) implements Discrepancy {
        @Override
        public BigDecimal ourQuantity() {
            return BigDecimal.ZERO;
        }

        @Override
        public String description() {
            return symbol + ": the broker holds " + brokerQuantity.stripTrailingZeros().toPlainString()
                    + ", we hold nothing";
        }
    }

    /** Both hold the symbol, in different quantities. */
    record QuantityMismatch(Symbol symbol, BigDecimal ourQuantity, BigDecimal brokerQuantity) implements Discrepancy {
        @Override
        public String description() {
            return symbol + ": we hold " + ourQuantity.stripTrailingZeros().toPlainString() + ", the broker holds "
                    + brokerQuantity.stripTrailingZeros().toPlainString();
        }
    }
}
