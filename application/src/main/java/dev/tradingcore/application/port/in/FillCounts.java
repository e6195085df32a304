package dev.tradingcore.application.port.in;

/**
 * What became of the broker's fills in one pass (recovery, reconciliation, a sync round).
 *
 * @param applied recorded now, with their position and order
 * @param alreadyRecorded recorded before: replays, free
 * @param unmatched fills of broker orders that are none of ours (or cannot be matched to one); each raised as an alert
 * @param refused recorded neither now nor ever: the domain refused them or they contradict a recorded fill; each
 *     raised as an alert by the fill use case
 * @param unsettled not recorded for want of an answer (database or broker unreachable): to be tried again
 */
public record FillCounts(int applied, int alreadyRecorded, int unmatched, int refused, int unsettled) {

    public static final FillCounts NONE = new FillCounts(0, 0, 0, 0, 0);

    public FillCounts {
        if (applied < 0 || alreadyRecorded < 0 || unmatched < 0 || refused < 0 || unsettled < 0) {
            throw new IllegalArgumentException("fill counts cannot be negative");
        }
    }

    public FillCounts plus(FillCounts other) {
        return new FillCounts(applied + other.applied, alreadyRecorded + other.alreadyRecorded,
                unmatched + other.unmatched, refused + other.refused, unsettled + other.unsettled);
    }

    /** Every fill seen. */
    public int total() {
        return applied + alreadyRecorded + unmatched + refused + unsettled;
    }

    @Override
    public String toString() {
        return applied + " applied, " + alreadyRecorded + " already recorded, " + unmatched + " unmatched, " + refused
                + " refused, " + unsettled + " unsettled";
    }
}
