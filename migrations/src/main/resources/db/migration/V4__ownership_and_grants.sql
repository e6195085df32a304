-- Ownership and least privilege. Whoever runs the migrations (a superuser in tests, a member of trading_owner in
-- production), trading_owner ends up owning every object, so maintain_partitions() (SECURITY DEFINER) can create,
-- attach and detach partitions, and the migrating login owns nothing of its own. Flyway's own history table stays
-- with whoever runs Flyway.

GRANT USAGE, CREATE ON SCHEMA public TO trading_owner;
GRANT USAGE ON SCHEMA public TO trading_app, trading_readonly;
ALTER SCHEMA archive OWNER TO trading_owner;
GRANT USAGE ON SCHEMA archive TO trading_readonly;

DO $$
DECLARE
    obj RECORD;
BEGIN
    -- Tables (partitioned parents and every partition); their indexes and owned sequences follow.
    FOR obj IN
        SELECT n.nspname, c.relname
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname IN ('public', 'archive')
           AND c.relkind IN ('r', 'p')
           AND c.relname <> 'flyway_schema_history'
    LOOP
        EXECUTE format('ALTER TABLE %I.%I OWNER TO trading_owner', obj.nspname, obj.relname);
    END LOOP;
    FOR obj IN
        SELECT p.oid::regprocedure AS signature
          FROM pg_proc p
         WHERE p.pronamespace = 'public'::regnamespace
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO trading_owner', obj.signature);
    END LOOP;
END
$$;

-- Nothing is callable by everybody that need not be: a SECURITY DEFINER function runs with its owner's rights.
REVOKE EXECUTE ON FUNCTION maintain_partitions(TIMESTAMPTZ) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION trades_register_trade_id() FROM PUBLIC;

-- The application. Grants on a partitioned table cover every partition reached through it, present and future;
-- partitions themselves get nothing, so the application cannot write a partition directly.
GRANT SELECT, INSERT, UPDATE ON positions, orders, system_state TO trading_app;
GRANT SELECT, INSERT, UPDATE ON market_data_cache TO trading_app;
-- Facts are appended, never changed: executions, audit events, risk snapshots.
GRANT SELECT, INSERT ON trades, audit_log, risk_snapshots TO trading_app;
-- trade_ids is written by the SECURITY DEFINER trigger only.
GRANT SELECT ON trade_ids TO trading_app;
GRANT USAGE ON SEQUENCE positions_id_seq, audit_log_id_seq, risk_snapshots_id_seq TO trading_app;
GRANT EXECUTE ON FUNCTION maintain_partitions(TIMESTAMPTZ) TO trading_app;

-- Analytics: read everything, including archived partitions, now and later.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO trading_readonly;
GRANT SELECT ON ALL TABLES IN SCHEMA archive TO trading_readonly;
ALTER DEFAULT PRIVILEGES FOR ROLE trading_owner IN SCHEMA public GRANT SELECT ON TABLES TO trading_readonly;
ALTER DEFAULT PRIVILEGES FOR ROLE trading_owner IN SCHEMA archive GRANT SELECT ON TABLES TO trading_readonly;
-- Functions the owner creates later are not executable by PUBLIC unless granted.
ALTER DEFAULT PRIVILEGES FOR ROLE trading_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
