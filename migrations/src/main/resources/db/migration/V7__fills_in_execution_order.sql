-- Fills are booked in execution order (execution time, then trade id), whatever order they reach the core in: the
-- stream and the poll deliver independently, a broker publishes some executions late, start-up recovery reads what
-- was missed. Average price and realized P&L depend on that order, so a fill executed before fills of its symbol
-- already booked is booked by replaying the symbol's fills from a basis (see docs/design-notes.md, "Fills in
-- execution order").
ALTER TABLE positions
    ADD COLUMN latest_trade_at TIMESTAMPTZ,
    ADD COLUMN latest_trade_id VARCHAR(50),
    ADD COLUMN basis JSONB,
    ADD CONSTRAINT positions_latest_trade_complete CHECK ((latest_trade_at IS NULL) = (latest_trade_id IS NULL)),
    ADD CONSTRAINT positions_basis_is_object CHECK (basis IS NULL OR jsonb_typeof(basis) = 'object');

COMMENT ON COLUMN positions.latest_trade_at IS
    'Execution time of the latest fill booked, in execution order; NULL before the first fill';
COMMENT ON COLUMN positions.latest_trade_id IS 'Trade id of that fill (the tie-break of one instant)';
COMMENT ON COLUMN positions.basis IS
    'Where a replay of the symbol''s fills starts: the position a reconciliation set and the key of the latest fill '
    'it included (quantity, average_price, cost_basis, realized_pnl, total_commission, through_at, through_trade_id); '
    'NULL: flat before the first fill';
