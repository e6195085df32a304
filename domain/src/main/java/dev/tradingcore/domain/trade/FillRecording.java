package dev.tradingcore.domain.trade;

/** What the {@link FillJournal} did with a fill. */
public sealed interface FillRecording {

    /** The fill was new and is now recorded with all its effects. */
    record Recorded(Trade trade) implements FillRecording {
    }

    /**
     * A trade with this id was already recorded; nothing was written. {@code existing} is the stored trade, so a
     * caller can tell a harmless redelivery from a conflicting one (same id, different content) and alert.
     */
    record Duplicate(Trade existing) implements FillRecording {

        /** Whether the redelivered trade differs from what was recorded under its id. */
        public boolean conflictsWith(Trade redelivered) {
            return !existing.equals(redelivered);
        }
    }
}
