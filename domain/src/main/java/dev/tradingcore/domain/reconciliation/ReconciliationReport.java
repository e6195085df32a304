package dev.tradingcore.domain.reconciliation;

import dev.tradingcore.domain.position.Position;
import io.vavr.collection.List;
import java.time.Instant;

/**
 * The outcome of comparing our positions with the broker's.
 *
 * @param discrepancies every disagreement, in both directions, by symbol
 * @param corrections the positions to save so that we equal the broker, one per discrepancy, by symbol
 * @param symbolsCompared how many distinct symbols either side held
 */
public record ReconciliationReport(Instant at, List<Discrepancy> discrepancies, List<Position> corrections,
        int symbolsCompared) {

    public ReconciliationReport {
        if (at == null || discrepancies == null || corrections == null) {
            throw new IllegalArgumentException("a reconciliation report needs a time, discrepancies and corrections");
        }
        if (discrepancies.size() != corrections.size()) {
            throw new IllegalArgumentException("every discrepancy needs exactly one correction");
        }
    }

    /** Nothing to correct. */
    public boolean isClean() {
        return discrepancies.isEmpty();
    }

    /** A short text for an alert or the audit trail. */
    public String summary() {
        if (isClean()) {
            return "positions match the broker (" + symbolsCompared + " symbols compared)";
        }
        return discrepancies.size() + " discrepancies in " + symbolsCompared + " symbols, corrected from the broker: "
                + discrepancies.map(Discrepancy::description).mkString("; ");
    }
}
