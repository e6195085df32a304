-- The asynchronous audit logger writes its events in batches and retries a batch whose write failed. When what failed
-- was the answer to the COMMIT (the connection dropped after the server committed), a retry would store the batch a
-- second time. Each batch therefore carries an id, registered in the batch's own transaction: a retry of a batch that
-- committed finds its id and writes nothing. Ids are kept a day (maintenance deletes older ones): retries come within
-- seconds.
CREATE TABLE audit_batches (
    batch_id VARCHAR(64) PRIMARY KEY,
    appended_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    events INTEGER NOT NULL CHECK (events > 0)
);

COMMENT ON TABLE audit_batches IS
    'Ids of the audit batches written, so that a batch retried after a lost COMMIT answer is not written twice';

ALTER TABLE audit_batches OWNER TO trading_owner;
GRANT SELECT, INSERT, DELETE ON audit_batches TO trading_app;
