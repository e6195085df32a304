package dev.tradingcore.domain.trade;

import io.vavr.collection.List;

/**
 * What a bulk ingest did with each trade it received: stored it, skipped it as an already recorded duplicate, or
 * rejected it for a reason a person must look at.
 *
 * @param received trades given
 * @param inserted trades stored by this ingest
 * @param duplicates trades already recorded with the same economic content (or repeated in the input): skipped
 * @param rejected trades not stored, with why, in input order
 */
public record IngestReport(long received, long inserted, long duplicates, List<Rejected> rejected) {

    public IngestReport {
        if (rejected == null || received < 0 || inserted < 0 || duplicates < 0) {
            throw new IllegalArgumentException("an ingest report needs non-negative counts and a rejection list");
        }
        if (inserted + duplicates + rejected.size() != received) {
            throw new IllegalArgumentException("ingest report does not add up: " + inserted + " inserted + "
                    + duplicates + " duplicates + " + rejected.size() + " rejected != " + received + " received");
        }
    }

    public static final IngestReport EMPTY = new IngestReport(0, 0, 0, List.empty());

    /** The sum of two reports, e.g. of two chunks. */
    public IngestReport plus(IngestReport other) {
        return new IngestReport(received + other.received, inserted + other.inserted,
                duplicates + other.duplicates, rejected.appendAll(other.rejected));
    }

    /** Why a trade was not stored. */
    public enum Reason {
        /** Its trade id is recorded (or repeated in the input) with another order, symbol, side, quantity or price. */
        CONFLICTING_REPLAY,
        /** Its order is not in the orders table: trades are stored only for known orders. */
        UNKNOWN_ORDER,
        /** A value the database cannot hold: a time outside the years 1 to 9999, a NUL character in an id. */
        UNSTORABLE_VALUE,
        /**
         * Its order is still open (pending, submitted, partially filled, unknown): its fills are live fills, booked with
         * their position and order by the fill journal. Ingested, it would make the live delivery a "duplicate" and
         * the position would never move.
         */
        LIVE_ORDER,
        /**
         * Its order's filled quantity does not cover it (with the trades stored before): a fill the order never booked,
         * which bulk ingest cannot book either (it moves no position).
         */
        BEYOND_FILLED
    }

    /**
     * One trade not stored.
     *
     * @param detail for a person: what is recorded versus what arrived, or which order is missing
     */
    public record Rejected(TradeId tradeId, Reason reason, String detail) {

        public Rejected {
            if (tradeId == null || reason == null || detail == null) {
                throw new IllegalArgumentException("a rejected trade needs its id, a reason and a detail");
            }
        }
    }
}
