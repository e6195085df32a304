-- Every run of `backup`, with its result: the core exposes the age of the newest successful one and the time of the
-- newest failed one as metrics, so that a backup that stopped running or keeps failing is alerted by Prometheus
-- (docs/prometheus/trading-core.rules.yml) rather than found the day a restore is needed. The backup command writes
-- the row after pg_dump ended (or failed); a database it cannot reach gets no row, and the age keeps growing.
CREATE TABLE backup_runs (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL,
    succeeded BOOLEAN NOT NULL,
    dump_file TEXT,
    failure TEXT,
    CHECK (finished_at >= started_at),
    CHECK (succeeded = (failure IS NULL))
);

CREATE INDEX backup_runs_result_finished ON backup_runs (succeeded, finished_at DESC);

COMMENT ON TABLE backup_runs IS 'Runs of the backup command and their results, for the backup-age metrics';

ALTER TABLE backup_runs OWNER TO trading_owner;
GRANT SELECT, INSERT ON backup_runs TO trading_app;
GRANT SELECT ON backup_runs TO trading_readonly;
