-- The two hot reads of trades, an order's trades and a symbol's trades of a month, both ORDER BY timestamp,
-- trade_id, answered from the index alone. With (order_id) and (symbol, timestamp DESC) each row was a heap fetch:
-- the bench's trades of one order lie on as many heap pages as there are trades (they arrive interleaved with
-- every other order's), and the rows were then sorted (docs/benchmarks.md, "The trades' hot reads").
-- Keyed in the ORDER BY's order, the partitions' scans are merged without a sort; the remaining columns are
-- INCLUDEd, so an index-only scan reads a handful of leaf pages per read. Same names, same count: the fill path
-- still maintains two indexes for these reads, each wider (the price: index size about the heap's, each).
DROP INDEX idx_trades_order_id;
CREATE INDEX idx_trades_order_id ON trades (order_id, timestamp, trade_id)
    INCLUDE (symbol, side, quantity, price, commission, trade_value, liquidity);

DROP INDEX idx_trades_symbol_timestamp;
CREATE INDEX idx_trades_symbol_timestamp ON trades (symbol, timestamp, trade_id)
    INCLUDE (order_id, side, quantity, price, commission, trade_value, liquidity);
