-- The tables of the persistence-layer design (docs/shared persistence-layer-design.md, "Database Schema Design"
-- and "Performance Optimization"), corrected where the design's DDL does not run or is wrong. Every deviation is
-- listed with its reason in docs/design-notes.md, section "Schema". Partitions other than the DEFAULT ones are
-- created by maintain_partitions() (V3), which V5 runs once.
--
-- Partition bounds are UTC instants: a quarter, month or day here is a UTC quarter, month or day.

-- ---------------------------------------------------------------------------------------------------------------
-- positions: one row per symbol ever held. A position that goes flat keeps its row (quantity 0) so that its
-- realized P&L survives.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE positions (
    id BIGSERIAL PRIMARY KEY,
    symbol VARCHAR(20) NOT NULL,
    quantity DECIMAL(20, 8) NOT NULL,
    average_price DECIMAL(20, 8),
    market_value DECIMAL(20, 2) NOT NULL,
    unrealized_pnl DECIMAL(20, 2) NOT NULL,
    cost_basis DECIMAL(20, 2) NOT NULL,
    realized_pnl DECIMAL(20, 2) NOT NULL DEFAULT 0,
    total_commission DECIMAL(20, 8) NOT NULL DEFAULT 0,
    last_updated TIMESTAMPTZ NOT NULL DEFAULT NOW(),

    CONSTRAINT positions_symbol_unique UNIQUE (symbol),
    -- A flat position has no average price; an open one has a positive one.
    CONSTRAINT positions_average_price_iff_open CHECK ((quantity = 0) = (average_price IS NULL)),
    CONSTRAINT positions_average_price_positive CHECK (average_price > 0),
    -- A flat position holds nothing, so it is worth nothing and has nothing unrealized.
    CONSTRAINT positions_flat_has_no_exposure
        CHECK (quantity <> 0 OR (market_value = 0 AND unrealized_pnl = 0 AND cost_basis = 0))
);

CREATE INDEX idx_positions_last_updated ON positions (last_updated DESC);

COMMENT ON TABLE positions IS 'Current portfolio positions with real-time market values';
COMMENT ON COLUMN positions.quantity IS
    'Positive for long positions, negative for short positions, 0 for a flat position (its row is kept so that realized P&L survives)';
COMMENT ON COLUMN positions.unrealized_pnl IS 'Current P&L based on market price';
COMMENT ON COLUMN positions.average_price IS 'Average entry price of the open quantity; NULL exactly when the position is flat';
COMMENT ON COLUMN positions.realized_pnl IS
    'P&L realized by closing trades since the position was first opened (cumulative, survives going flat), rounded by the domain to cents';
COMMENT ON COLUMN positions.total_commission IS 'Sum of the commissions of every trade applied to this position, same scale as trades.commission';

-- ---------------------------------------------------------------------------------------------------------------
-- orders
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE orders (
    order_id VARCHAR(50) PRIMARY KEY,
    client_order_id VARCHAR(50) UNIQUE,
    symbol VARCHAR(20) NOT NULL,
    side VARCHAR(10) NOT NULL,
    quantity DECIMAL(20, 8) NOT NULL,
    order_type VARCHAR(20) NOT NULL,
    time_in_force VARCHAR(10) NOT NULL DEFAULT 'day',
    limit_price DECIMAL(20, 8),
    stop_price DECIMAL(20, 8),
    status VARCHAR(20) NOT NULL,
    filled_quantity DECIMAL(20, 8) NOT NULL DEFAULT 0,
    filled_avg_price DECIMAL(20, 8),
    submitted_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    filled_at TIMESTAMPTZ,
    cancelled_at TIMESTAMPTZ,
    error_message TEXT,

    CONSTRAINT orders_side_valid CHECK (side IN ('buy', 'sell')),
    CONSTRAINT orders_type_valid CHECK (order_type IN ('market', 'limit', 'stop', 'stop_limit')),
    CONSTRAINT orders_status_valid CHECK (status IN ('pending', 'submitted', 'partial_fill', 'filled', 'cancelled',
                                                     'rejected', 'expired', 'unknown')),
    CONSTRAINT orders_time_in_force_valid CHECK (time_in_force IN ('day', 'gtc', 'ioc', 'fok', 'opg', 'cls')),
    CONSTRAINT orders_quantity_positive CHECK (quantity > 0),
    CONSTRAINT orders_filled_quantity_valid CHECK (filled_quantity >= 0 AND filled_quantity <= quantity),
    -- A CHECK passes when it evaluates to NULL: each rule is written so that it never does where it matters.
    CONSTRAINT orders_limit_price_positive CHECK (limit_price > 0),
    CONSTRAINT orders_limit_price_required CHECK (order_type NOT IN ('limit', 'stop_limit') OR limit_price IS NOT NULL),
    CONSTRAINT orders_stop_price_positive CHECK (stop_price > 0),
    CONSTRAINT orders_stop_price_required CHECK (order_type NOT IN ('stop', 'stop_limit') OR stop_price IS NOT NULL),
    CONSTRAINT orders_filled_avg_price_positive CHECK (filled_avg_price > 0)
);

CREATE INDEX idx_orders_status ON orders (status);
CREATE INDEX idx_orders_submitted_at ON orders (submitted_at DESC);
-- Serves symbol, (symbol, status) and (symbol, status) ORDER BY submitted_at DESC: it replaces the design's
-- idx_orders_symbol and idx_orders_symbol_status, which are its prefixes.
CREATE INDEX idx_orders_symbol_status_timestamp ON orders (symbol, status, submitted_at DESC);
-- Open orders (hot path, recovery): 'unknown' is open until reconciliation resolves it.
CREATE INDEX idx_orders_active ON orders (symbol, status)
    WHERE status IN ('pending', 'submitted', 'partial_fill', 'unknown');

COMMENT ON TABLE orders IS 'Complete order lifecycle tracking for all trading activity';
COMMENT ON COLUMN orders.client_order_id IS 'Internal order ID for deduplication';
COMMENT ON COLUMN orders.status IS
    'Lifecycle state; unknown = the broker reported a state that could not be mapped, reconciliation resolves it';
COMMENT ON COLUMN orders.time_in_force IS
    'day, gtc (good till cancelled), ioc (immediate or cancel), fok (fill or kill), opg (at the open), cls (at the close)';

-- ---------------------------------------------------------------------------------------------------------------
-- trades, partitioned by quarter, with a registry that makes trade_id unique across all partitions
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE trade_ids (
    trade_id VARCHAR(50) PRIMARY KEY,
    trade_timestamp TIMESTAMPTZ NOT NULL,
    order_id VARCHAR(50) NOT NULL,
    symbol VARCHAR(20) NOT NULL,
    side VARCHAR(10) NOT NULL,
    quantity DECIMAL(20, 8) NOT NULL,
    price DECIMAL(20, 8) NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

COMMENT ON TABLE trade_ids IS
    'Every trade_id ever recorded, one row each: the uniqueness that the partitioned trades table cannot declare. Filled only by the trades_register_trade_id trigger; kept when trade partitions are archived, so a replay of an archived trade is still recognised';
COMMENT ON COLUMN trade_ids.trade_timestamp IS 'timestamp of the stored trades row (its partition key), to find it';
COMMENT ON COLUMN trade_ids.quantity IS 'Economic content of the first recording (order_id, symbol, side, quantity, price): a replay must match it';

CREATE TABLE trades (
    trade_id VARCHAR(50) NOT NULL,
    order_id VARCHAR(50) NOT NULL REFERENCES orders (order_id),
    symbol VARCHAR(20) NOT NULL,
    side VARCHAR(10) NOT NULL,
    quantity DECIMAL(20, 8) NOT NULL,
    price DECIMAL(20, 8) NOT NULL,
    timestamp TIMESTAMPTZ NOT NULL,
    commission DECIMAL(20, 8) NOT NULL DEFAULT 0,
    trade_value DECIMAL(20, 2) NOT NULL,
    liquidity VARCHAR(10),

    -- A primary key of a partitioned table must contain the partition key; trade_id alone is unique through
    -- trade_ids (the FK below guarantees every stored trade is registered, the trigger that none is stored twice).
    CONSTRAINT trades_pkey PRIMARY KEY (trade_id, timestamp),
    CONSTRAINT trades_trade_id_registered FOREIGN KEY (trade_id) REFERENCES trade_ids (trade_id),
    CONSTRAINT trades_side_valid CHECK (side IN ('buy', 'sell')),
    CONSTRAINT trades_quantity_positive CHECK (quantity > 0),
    CONSTRAINT trades_price_positive CHECK (price > 0),
    CONSTRAINT trades_liquidity_valid CHECK (liquidity IN ('maker', 'taker'))
) PARTITION BY RANGE (timestamp);

CREATE TABLE trades_default PARTITION OF trades DEFAULT;

CREATE INDEX idx_trades_order_id ON trades (order_id);
CREATE INDEX idx_trades_timestamp ON trades (timestamp DESC);
-- Replaces the design's idx_trades_symbol, its prefix.
CREATE INDEX idx_trades_symbol_timestamp ON trades (symbol, timestamp DESC);

COMMENT ON TABLE trades IS 'Individual trade executions, partitioned by quarter for performance';
COMMENT ON COLUMN trades.liquidity IS 'maker or taker';
COMMENT ON TABLE trades_default IS
    'Trades outside every quarterly partition; maintain_partitions() moves them into their quarter';

-- Idempotent recording. A BEFORE ROW trigger on the partitioned table is cloned to every partition, present and
-- future, and fires for INSERT and COPY alike. It registers trade_id in trade_ids:
--   new trade_id                       -> the row is stored
--   known trade_id, same economic facts -> a replay: the row is skipped (INSERT reports 0 rows, RETURNING returns
--                                         nothing, COPY does not count it), whatever its timestamp
--   known trade_id, different facts     -> SQLSTATE 23T01 (class 23, integrity constraint violation): a conflicting
--                                         fill must reach a human, never be dropped silently
-- SECURITY DEFINER so that the application needs no privilege on trade_ids besides SELECT (it could otherwise
-- pre-register an id and make a real fill look like a replay).
CREATE FUNCTION trades_register_trade_id() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    known public.trade_ids%ROWTYPE;
BEGIN
    INSERT INTO public.trade_ids (trade_id, trade_timestamp, order_id, symbol, side, quantity, price)
    VALUES (NEW.trade_id, NEW.timestamp, NEW.order_id, NEW.symbol, NEW.side, NEW.quantity, NEW.price)
    ON CONFLICT (trade_id) DO NOTHING;
    IF FOUND THEN
        RETURN NEW;
    END IF;

    SELECT * INTO STRICT known FROM public.trade_ids WHERE trade_id = NEW.trade_id;
    IF (known.order_id, known.symbol, known.side, known.quantity, known.price)
       IS NOT DISTINCT FROM (NEW.order_id, NEW.symbol, NEW.side, NEW.quantity::DECIMAL(20, 8), NEW.price::DECIMAL(20, 8)) THEN
        RETURN NULL; -- a replay of a recorded trade: store nothing
    END IF;

    RAISE EXCEPTION USING
        ERRCODE = '23T01',
        MESSAGE = format('conflicting replay of trade %s', NEW.trade_id),
        DETAIL = format('recorded: order %s %s %s %s @ %s at %s; replayed: order %s %s %s %s @ %s at %s',
                        known.order_id, known.side, known.quantity, known.symbol, known.price, known.trade_timestamp,
                        NEW.order_id, NEW.side, NEW.quantity, NEW.symbol, NEW.price, NEW.timestamp),
        HINT = 'The same trade_id arrived with other economic content; reconcile with the broker.',
        TABLE = 'trades',
        CONSTRAINT = 'trades_trade_id_unique';
END;
$$;

COMMENT ON FUNCTION trades_register_trade_id() IS
    'Makes trade recording idempotent per trade_id across partitions: stores a new trade, skips a replay, raises SQLSTATE 23T01 on a conflicting replay';

CREATE TRIGGER trades_register_trade_id
    BEFORE INSERT ON trades
    FOR EACH ROW EXECUTE FUNCTION trades_register_trade_id();

-- ---------------------------------------------------------------------------------------------------------------
-- audit_log, partitioned by month
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE audit_log (
    id BIGSERIAL,
    timestamp TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    component VARCHAR(50) NOT NULL,
    action VARCHAR(100) NOT NULL,
    details JSONB NOT NULL,
    user_id VARCHAR(50),
    session_id VARCHAR(50),
    severity VARCHAR(20) NOT NULL DEFAULT 'info',
    order_id TEXT GENERATED ALWAYS AS (details ->> 'order_id') STORED,

    PRIMARY KEY (id, timestamp)
) PARTITION BY RANGE (timestamp);

CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;

CREATE INDEX idx_audit_log_timestamp ON audit_log (timestamp DESC);
CREATE INDEX idx_audit_log_action ON audit_log (action);
CREATE INDEX idx_audit_log_severity ON audit_log (severity) WHERE severity IN ('error', 'warning');
CREATE INDEX idx_audit_log_details ON audit_log USING GIN (details);
-- Replaces the design's idx_audit_recent_component (its NOW() predicate is rejected) and idx_audit_log_component
-- (its prefix): recent rows are found by partition pruning plus the timestamp column of this index.
CREATE INDEX idx_audit_log_component_timestamp ON audit_log (component, timestamp DESC);
-- The audit events of one order, without the GIN containment scan.
CREATE INDEX idx_audit_log_order_id ON audit_log (order_id, timestamp DESC) WHERE order_id IS NOT NULL;

COMMENT ON TABLE audit_log IS 'Complete audit trail for regulatory compliance, partitioned by month';
COMMENT ON COLUMN audit_log.details IS 'JSONB field for flexible event data storage';
COMMENT ON COLUMN audit_log.order_id IS
    'details->>''order_id'', stored so that the audit events of one order are a btree lookup (WHERE order_id = ?)';
COMMENT ON TABLE audit_log_default IS
    'Audit rows outside every monthly partition; maintain_partitions() moves them into their month';

-- ---------------------------------------------------------------------------------------------------------------
-- risk_snapshots
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE risk_snapshots (
    id BIGSERIAL PRIMARY KEY,
    timestamp TIMESTAMPTZ NOT NULL,
    portfolio_value DECIMAL(20, 2) NOT NULL,
    cash_balance DECIMAL(20, 2) NOT NULL,
    total_exposure DECIMAL(20, 2) NOT NULL,
    var_95 DECIMAL(20, 2),
    var_99 DECIMAL(20, 2),
    max_drawdown DECIMAL(10, 4),
    position_count INTEGER NOT NULL,
    largest_position_pct DECIMAL(10, 4),
    sector_concentration JSONB,
    metrics JSONB,

    -- Its index also serves "latest snapshots" (scanned backwards): no separate timestamp index.
    CONSTRAINT risk_snapshots_timestamp_unique UNIQUE (timestamp)
);

COMMENT ON TABLE risk_snapshots IS 'Periodic risk metrics snapshots (every 5 minutes during trading)';
COMMENT ON COLUMN risk_snapshots.sector_concentration IS 'JSONB mapping of sector -> exposure percentage';

-- ---------------------------------------------------------------------------------------------------------------
-- market_data_cache, partitioned by day (the design's partitioning table says so; its DDL forgot it)
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE market_data_cache (
    symbol VARCHAR(20) NOT NULL,
    timestamp TIMESTAMPTZ NOT NULL,
    price DECIMAL(20, 8) NOT NULL,
    bid DECIMAL(20, 8),
    ask DECIMAL(20, 8),
    volume BIGINT,

    -- Its index also serves (symbol, timestamp DESC), scanned backwards.
    PRIMARY KEY (symbol, timestamp)
) PARTITION BY RANGE (timestamp);

CREATE TABLE market_data_cache_default PARTITION OF market_data_cache DEFAULT;

-- Replaces the design's idx_market_data_recent (NOW() predicate rejected): the last day is one or two daily
-- partitions, ordered by this index.
CREATE INDEX idx_market_data_timestamp ON market_data_cache (timestamp DESC);

COMMENT ON TABLE market_data_cache IS 'Recent market data cache to reduce API calls';
COMMENT ON TABLE market_data_cache_default IS
    'Market data outside every daily partition; maintain_partitions() moves them into their day';

-- ---------------------------------------------------------------------------------------------------------------
-- system_state (its initial rows are inserted by V5)
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE system_state (
    key VARCHAR(100) PRIMARY KEY,
    value JSONB NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    description TEXT
);

COMMENT ON TABLE system_state IS 'Persistent system configuration and operational state';
