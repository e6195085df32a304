-- The exact amounts the domain keeps, a version for the write-through cache, and the broker's order id.
--
-- The domain keeps a position's cost basis and realized P&L exact (16 decimal places: a quantity of 8 places times
-- a price of 8 places never needs rounding). The design's NUMERIC(20, 2) columns hold them rounded to cents, which
-- is what reports show; a position reloaded from cents would drift a little with every restart and the P&L identity
-- (realized + unrealized = cash flow) would stop holding. The exact values are therefore stored beside the rounded
-- ones, and the rounded ones are checked to be a rounding of them.
ALTER TABLE positions
    ADD COLUMN cost_basis_exact NUMERIC(38, 16) NOT NULL DEFAULT 0,
    ADD COLUMN realized_pnl_exact NUMERIC(38, 16) NOT NULL DEFAULT 0,
    ADD COLUMN mark_price DECIMAL(20, 8),
    ADD COLUMN version BIGINT NOT NULL DEFAULT 0,
    -- Within half a cent, not "= round(...)": PostgreSQL rounds numerics half away from zero, the domain rounds
    -- money half-even (unbiased), and both are correct roundings.
    ADD CONSTRAINT positions_cost_basis_rounds_exact CHECK (abs(cost_basis - cost_basis_exact) <= 0.005),
    ADD CONSTRAINT positions_realized_pnl_rounds_exact CHECK (abs(realized_pnl - realized_pnl_exact) <= 0.005),
    ADD CONSTRAINT positions_cost_basis_sign CHECK (sign(cost_basis_exact) = sign(quantity)),
    ADD CONSTRAINT positions_mark_price_positive CHECK (mark_price > 0),
    ADD CONSTRAINT positions_version_not_negative CHECK (version >= 0);

COMMENT ON COLUMN positions.cost_basis_exact IS
    'Exact signed cost of the open quantity (positive long, negative short); cost_basis is its rounding to cents';
COMMENT ON COLUMN positions.realized_pnl_exact IS
    'Exact realized P&L net of all commissions; realized_pnl is its rounding to cents';
COMMENT ON COLUMN positions.mark_price IS 'Last price the position was valued at (market_value, unrealized_pnl); NULL before the first mark';
COMMENT ON COLUMN positions.version IS
    'Incremented by every change; the write-through cache keeps the highest version it has seen, so two concurrent updates can never leave the older one cached';

-- Orders: the broker's own id (known once the broker acknowledged the order; unique, so one broker order can never
-- be attached to two of ours) and the exact sum of quantity x price of the fills, from which the average fill price
-- is derived without accumulating rounding over many partial fills.
ALTER TABLE orders
    ADD COLUMN broker_order_id VARCHAR(64),
    ADD COLUMN filled_notional NUMERIC(38, 16) NOT NULL DEFAULT 0,
    ADD CONSTRAINT orders_broker_order_id_unique UNIQUE (broker_order_id),
    ADD CONSTRAINT orders_filled_notional_consistent CHECK ((filled_quantity = 0) = (filled_notional = 0));

COMMENT ON COLUMN orders.broker_order_id IS 'The broker''s id of the order, set when the broker acknowledged it';
COMMENT ON COLUMN orders.filled_notional IS
    'Exact sum of quantity x price of the fills applied; filled_avg_price is filled_notional / filled_quantity rounded to 8 places';
