package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.position.VersionedPosition;
import dev.tradingcore.domain.reconciliation.ReconciliationReport;
import io.vavr.collection.List;

/** What became of a position reconciliation. */
public sealed interface ReconciliationResult {

    /**
     * Positions were compared; {@code corrected} holds the positions written to match the broker (none if clean).
     *
     * @param awaitingFills symbols left out of the comparison: one of our orders there has fills the broker reports
     *     and we have not booked yet (a correction now would count them twice once they are booked)
     */
    record Reconciled(ReconciliationReport report, List<VersionedPosition> corrected,
            io.vavr.collection.Set<dev.tradingcore.domain.common.Symbol> awaitingFills)
            implements ReconciliationResult {

        public Reconciled {
            if (report == null || corrected == null || awaitingFills == null) {
                throw new IllegalArgumentException("a reconciliation needs its report, corrections and the symbols "
                        + "left out");
            }
        }

        public Reconciled(ReconciliationReport report, List<VersionedPosition> corrected) {
            this(report, corrected, io.vavr.collection.HashSet.empty());
        }
    }

    /** The reconciliation could not run, or could not finish; nothing was written. */
    record NotRun(Cause cause, String reason) implements ReconciliationResult {

        public NotRun {
            if (cause == null || reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a reconciliation that did not run needs a cause and a reason");
            }
        }
    }

    /** Why a reconciliation did not run. */
    enum Cause {
        /** The broker did not answer, or answered nonsense. */
        BROKER,
        /** The database did not answer. */
        DATABASE,
        /** Fills were still to be recorded, or kept arriving while positions were compared. */
        FILLS_UNSETTLED
    }
}
