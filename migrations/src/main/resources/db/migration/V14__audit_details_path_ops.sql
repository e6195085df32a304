-- The audit details' GIN index with the jsonb_path_ops operator class instead of the default jsonb_ops.
--
-- Every query of the details is a containment (`details @> '{"order_id": "..."}'`): the audit search and the bench's
-- hot read. jsonb_path_ops answers exactly @>, @? and @@ (not the key-exists operators ?, ?| and ?&, which nothing
-- here uses) from one hashed entry per path and value, where jsonb_ops keeps an entry for every key and every value:
-- a fill's audit line (15 facts) writes about half as many index entries. Measured on this machine (docs/benchmarks.md,
-- "The audit details index"): 20,000 fill audit lines inserted in one statement into a copy of audit_log took
-- 2.0-3.2 s with jsonb_ops, 1.3-1.5 s with jsonb_path_ops and 0.7-1.1 s with no GIN index; the audit line was the
-- most expensive row of a fill batch (pg_stat_statements: 114 us per row).
--
-- Rebuilding the index locks audit_log against writes while it builds (a partitioned table's index cannot be built
-- CONCURRENTLY): on a large audit log, run the upgrade in a quiet window (docs/operations.md, "Upgrades").
DROP INDEX idx_audit_log_details;
CREATE INDEX idx_audit_log_details ON audit_log USING GIN (details jsonb_path_ops);
