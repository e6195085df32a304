package dev.tradingcore.domain.reconciliation;

import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.VersionedPosition;
import io.vavr.collection.List;
import io.vavr.control.Either;

/**
 * Writes reconciliation's corrections: the positions made equal to the broker's and one audit line per discrepancy,
 * in one transaction, so that the trail never shows a correction the positions table does not (or the reverse).
 *
 * <p>A correction is computed from positions read before the broker was asked; a fill recorded in between (the core
 * running while a {@code reconcile-only} runs, or the broker sync) would be overwritten by it. So each correction
 * names the version of the symbol's row it was computed from, and nothing is written unless every row is still at
 * that version: the caller then compares again.
 */
public interface PositionCorrections {

    /** Code of the rejection when a symbol's row moved on since the comparison read it. */
    String STALE = "stale_position";

    /**
     * @return the corrected positions with their new versions, in the order given; or a rejection with code
     *     {@code stale_position} (a symbol changed since it was read) and nothing written
     */
    Either<Rejection, List<VersionedPosition>> apply(List<Correction> corrections, List<AuditEvent> audit);

    /**
     * One position to write.
     *
     * @param expectedVersion the version of the symbol's row the correction was computed from; 0 when there was
     *     no row (a row at version 0 is a flat placeholder and counts as none)
     */
    record Correction(Position position, long expectedVersion) {

        public Correction {
            if (position == null) {
                throw new IllegalArgumentException("a correction needs its position");
            }
            if (expectedVersion < 0) {
                throw new IllegalArgumentException("correction of " + position.symbol() + ": expected version "
                        + expectedVersion + " is negative");
            }
        }
    }
}
