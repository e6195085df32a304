-- Tamper-evident audit trail (docs/design-notes.md, "Sealed audit blocks"). Every few seconds one sealer takes the
-- audit rows committed since the last block, hashes each row's canonical bytes into a Merkle tree and appends a block
-- holding the tree's root and the hash of the block before: a chain. Whoever rewrites, deletes, inserts or reorders a
-- sealed row, or rewrites a block, breaks a root or the chain, and `trading-core audit verify` names where.
--
-- Blocks are sealed after the fact, in the sealer's own transaction: trading transactions never wait on the chain's
-- head (a chain per row would serialise every writer on it).
--
-- Which rows a block holds is stored exactly (row_ids, a multirange of ids), not as "every id between first and
-- last": ids are drawn from the sequence before commit, so a row may commit after rows with higher ids were sealed.
-- Such a late row goes into a later block; the sealer only stops looking below settled_below, the id under which
-- every transaction that drew an id has ended (see AuditSealer in adapters-postgres).
--
-- Each block holds the rows of one UTC month (period), the month of the audit_log partition they live in, so that
-- retention, which detaches whole months, retires whole blocks; the blocks themselves are never dropped, so the chain
-- still verifies after retention and says which months retention removed.
CREATE TABLE audit_blocks (
    block_number BIGINT PRIMARY KEY CHECK (block_number >= 1),
    previous_hash BYTEA NOT NULL CHECK (octet_length(previous_hash) = 32),
    merkle_root BYTEA NOT NULL CHECK (octet_length(merkle_root) = 32),
    first_id BIGINT NOT NULL,
    last_id BIGINT NOT NULL CHECK (last_id >= first_id),
    row_ids INT8MULTIRANGE NOT NULL,
    row_count INTEGER NOT NULL CHECK (row_count > 0),
    period DATE NOT NULL CHECK (period = date_trunc('month', period)),
    first_time TIMESTAMPTZ NOT NULL,
    last_time TIMESTAMPTZ NOT NULL CHECK (last_time >= first_time),
    sealed_at TIMESTAMPTZ NOT NULL,
    settled_below BIGINT NOT NULL,
    block_hash BYTEA NOT NULL UNIQUE CHECK (octet_length(block_hash) = 32)
);

-- The sealer looks for blocks that may hold ids at or above its floor; verify finds the blocks of a time range.
CREATE INDEX idx_audit_blocks_last_id ON audit_blocks (last_id);
CREATE INDEX idx_audit_blocks_times ON audit_blocks (last_time, first_time);

COMMENT ON TABLE audit_blocks IS
    'Sealed blocks of audit_log rows: Merkle root of the rows'' canonical bytes, chained by the previous block''s hash';
COMMENT ON COLUMN audit_blocks.row_ids IS
    'Exactly the audit_log ids the block holds (a late-committing row may sit below ids of an earlier block)';
COMMENT ON COLUMN audit_blocks.settled_below IS
    'After this block every audit_log row with a lower id is sealed: no transaction that drew such an id is still open';
COMMENT ON COLUMN audit_blocks.block_hash IS
    'SHA-256 of the block''s canonical header (docs/operations.md, "The audit chain"), verified, never trusted';

ALTER TABLE audit_blocks OWNER TO trading_owner;
-- Appended, never changed: the application seals blocks but can neither update nor delete one.
GRANT SELECT, INSERT ON audit_blocks TO trading_app;
GRANT SELECT ON audit_blocks TO trading_readonly;
-- The sealer reads the sequence's position (last_value) to know which ids have been drawn.
GRANT SELECT ON SEQUENCE audit_log_id_seq TO trading_app;
