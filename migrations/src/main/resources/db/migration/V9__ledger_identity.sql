-- Which ledger a database holds, and which broker account its positions come from (see design-notes, "Safe by
-- default: state and starts"). Both start as JSON null: the ledger id is given at the first start of a core on the
-- database (so that a database cloned from a migrated template is a ledger of its own, while a restored dump keeps the
-- id of the ledger it was taken from), the account when a core first reconciles it with a broker that names its
-- account. A core refuses to reconcile a ledger with another account unless told to adopt it.
INSERT INTO system_state (key, value, description) VALUES
    ('ledger_id', 'null', 'This ledger''s id, given at the first start of a core on this database'),
    ('broker_account', 'null', 'The broker account this ledger''s positions come from')
ON CONFLICT (key) DO NOTHING;
