-- Group roles of trading-core. Roles are cluster-wide in PostgreSQL, so several databases of one server (test
-- databases, staging next to production) share them: create each only if it is missing, and tolerate a concurrent
-- migration creating it first. They are NOLOGIN group roles; the DBA creates login users and grants them
-- membership (e.g. CREATE ROLE trading_migrator LOGIN IN ROLE trading_owner). Creating roles needs CREATEROLE:
-- in production the DBA runs this script (or pre-creates the three roles), see docs/design-notes.md.
--
--   trading_owner     owns every schema object; runs migrations and partition maintenance
--   trading_app       the trading application: only the DML it needs, never UPDATE/DELETE/TRUNCATE of audit rows
--   trading_readonly  analytics and reports: SELECT only

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['trading_owner', 'trading_app', 'trading_readonly'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION
                WHEN duplicate_object OR unique_violation THEN
                    NULL; -- another migration on this server created it a moment ago
            END;
        END IF;
    END LOOP;
END
$$;
