package dev.tradingcore.application.port.in;

import java.time.Instant;

/**
 * Compares our positions with the broker's and makes ours equal to the broker's (the source of truth), each
 * correction audited and an alert raised when anything differed.
 *
 * <p>Run it only once the broker's fills are recorded (order recovery first): a fill still to be recorded would be
 * counted twice, by the correction and again when recorded.
 */
public interface ReconcilePositions {

    /**
     * @param executionsSince fills executed since this instant are recorded before positions are compared, and the
     *     comparison is repeated while new ones arrive (an execution landing between the broker's position snapshot
     *     and our read would otherwise be corrected and then recorded)
     */
    ReconciliationResult reconcile(Instant executionsSince);
}
