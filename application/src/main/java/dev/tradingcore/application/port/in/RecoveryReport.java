package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.reconciliation.Discrepancy;
import dev.tradingcore.domain.position.VersionedPosition;
import io.vavr.collection.List;
import java.time.Instant;

/**
 * What start-up recovery found and did.
 *
 * @param orders what order recovery did; the counts when it did not run (database unavailable) are zero
 * @param positions what position reconciliation did, or why it did not run
 * @param syncFrom where the continuous broker sync should start reading fills: the newest fill recovery saw (less the
 *     overlap) when every fill of the window is settled, else the window's start, so that the sync records what
 *     recovery could not
 * @param failures why parts could not be done, one sentence each
 */
public record RecoveryReport(Instant startedAt, Instant finishedAt, OrderRecoveryResult orders,
        ReconciliationResult positions, Instant syncFrom, List<String> failures) {

    /** The verdict, for the {@code reconcile-only} command's exit status. */
    public enum Outcome {
        /** Nothing differed: exit 0. */
        CLEAN(0),
        /** Something differed and was corrected or escalated (fills recorded, orders settled, positions set): exit 1. */
        CORRECTED(1),
        /**
         * Positions could not be reconciled, or some orders could not be settled, for want of an answer from the
         * broker or the database: exit 4 (2 is a usage or configuration error, 3 a failure; all three mean "do not
         * trade").
         */
        INCOMPLETE(4);

        private final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public RecoveryReport {
        if (startedAt == null || finishedAt == null || orders == null || positions == null || syncFrom == null
                || failures == null) {
            throw new IllegalArgumentException("a recovery report needs every field");
        }
    }

    public Outcome outcome() {
        if (positions instanceof ReconciliationResult.NotRun || orders.leftForRetry() > 0 || !orders.fillsSettled()) {
            return Outcome.INCOMPLETE;
        }
        if (orders.changedAnything() || !discrepancies().isEmpty()) {
            return Outcome.CORRECTED;
        }
        return Outcome.CLEAN;
    }

    public List<Discrepancy> discrepancies() {
        return positions instanceof ReconciliationResult.Reconciled reconciled
                ? reconciled.report().discrepancies() : List.empty();
    }

    public List<VersionedPosition> corrections() {
        return positions instanceof ReconciliationResult.Reconciled reconciled ? reconciled.corrected() : List.empty();
    }

    /** A few lines for a person: the command line prints them. */
    public List<String> summary() {
        List<String> lines = List.of(
                "recovery " + outcome().name().toLowerCase(java.util.Locale.ROOT),
                "orders: " + orders.examined() + " examined, " + orders.advanced() + " advanced, " + orders.unchanged()
                        + " unchanged, " + orders.leftForRetry() + " left for retry, " + orders.escalated()
                        + " escalated",
                "fills since " + orders.fillWindowStart() + ": " + orders.fills(),
                switch (positions) {
                    case ReconciliationResult.Reconciled r -> "positions: " + r.report().summary();
                    case ReconciliationResult.NotRun n -> "positions not reconciled (" + n.cause().name()
                            .toLowerCase(java.util.Locale.ROOT) + "): " + n.reason();
                });
        return lines.appendAll(reasons().map(reason -> "could not: " + reason));
    }

    /**
     * Why parts were not done, each once: which orders were left and why (the broker's answer), then what kept
     * recovery from the rest. "1 left for retry" alone would send the operator to the logs.
     */
    public List<String> reasons() {
        return orders.failures().appendAll(failures).distinct();
    }
}
