package dev.tradingcore.adapters.postgres.position;

/** What the fill path writes to a locked {@code positions} row: the position after the fill and its ledger. */
public record BookedPosition(PositionRow position, LedgerRow ledger) {
}
