/** What PostgreSQL's own replication looks like from the primary: its standbys, their sync state and lag. */
package dev.tradingcore.adapters.postgres.replication;
