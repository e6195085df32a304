-- The design's common state keys. 'null' is the JSON null (the column is NOT NULL): never reconciled yet.
INSERT INTO system_state (key, value, description) VALUES
    ('trading_enabled', 'true', 'Master trading switch'),
    ('risk_limits', '{"max_position_size": 10000, "max_daily_loss": 5000}', 'Risk limit configuration'),
    ('last_reconciliation', 'null', 'Last position reconciliation timestamp');

-- Partitions for the current period and the look-ahead, so a fresh database needs no maintenance run to work.
SELECT * FROM maintain_partitions();
