/**
 * Logical backups of a trading database with PostgreSQL's own tools: a consistent {@code pg_dump} with a manifest
 * (schema version, row counts, SHA-256), its verification, retention, and a restore into a new database that is
 * checked against the manifest before it takes any name an operator uses.
 */
package dev.tradingcore.adapters.postgres.backup;
