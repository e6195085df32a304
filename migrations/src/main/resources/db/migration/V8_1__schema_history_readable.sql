-- The core starts as the application login, which may not change the schema: a member of trading_owner migrates
-- (`trading-core migrate`). At start the core checks that no script is pending, which reads Flyway's history; so the
-- application (and analytics) may read it. Nothing else about it changes: Flyway's table stays with whoever migrates.
GRANT SELECT ON flyway_schema_history TO trading_app, trading_readonly;
