package dev.tradingcore.application.report.render;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How the report writes numbers: amounts to the cent, quantities and prices as stored without trailing zeros. */
final class Figures {

    private Figures() {
    }

    static String amount(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    static String percent(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
