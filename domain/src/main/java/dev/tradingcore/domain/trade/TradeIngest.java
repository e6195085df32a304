package dev.tradingcore.domain.trade;

/**
 * Stores historical trades in bulk: a backfill from a broker's statement, a migration, a replay of an archive.
 *
 * <p>Not for live fills: a live fill goes through the {@code FillJournal}, which records the trade together with its
 * effect on the position and the order. Bulk ingest stores trades only; positions and orders are not touched. So it
 * takes trades of closed orders only, and no more than each order's filled quantity: the trade rows of fills an order
 * already counts (history, a migration). A trade of an open order, or one its order's fills do not cover, is refused
 * ({@link IngestReport.Reason#LIVE_ORDER}, {@link IngestReport.Reason#BEYOND_FILLED}): stored here, a later live
 * delivery of the same fill would be a duplicate and the position would never move.
 *
 * <p>Idempotent per trade id, like every other way in: a trade already recorded with the same economic content is
 * skipped and counted as a duplicate, so an interrupted ingest can simply be run again.
 */
public interface TradeIngest {

    /**
     * Stores the trades, consumed once and in order, in chunks of one transaction each. A trade that cannot be
     * stored (its trade id is recorded with other economic content, its order does not exist, ...) is not stored,
     * and is listed in the report with the reason; the other trades of its chunk are stored.
     *
     * @return {@code inserted + duplicates + rejected == received}
     */
    IngestReport ingest(Iterable<Trade> trades);
}
