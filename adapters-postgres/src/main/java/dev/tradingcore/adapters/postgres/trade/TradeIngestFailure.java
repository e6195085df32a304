package dev.tradingcore.adapters.postgres.trade;

import dev.tradingcore.domain.trade.IngestReport;

/**
 * A bulk ingest stopped on a failure that is not about one trade (the connection was lost, a timeout, a chunk that
 * kept failing). The chunks reported in {@link #committedBefore()} are stored; running the same ingest again skips
 * them as duplicates and continues.
 */
public final class TradeIngestFailure extends RuntimeException {

    private final transient IngestReport committedBefore;

    public TradeIngestFailure(String message, IngestReport committedBefore, Throwable cause) {
        super(message, cause);
        this.committedBefore = committedBefore;
    }

    /** What the chunks committed before the failure did. */
    public IngestReport committedBefore() {
        return committedBefore;
    }
}
